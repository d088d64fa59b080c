package com.rushgate.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lambda Java runtime's own jars (runtime interface client, serialization), which every
 * function instance loads next to its code, as the managed java21 runtime provides them. They
 * travel inside the local stack's jar as resources (the build copies them there) and are
 * unpacked once per process.
 */
public final class RuntimeJars {

    static final List<String> NAMES = List.of(
            "aws-lambda-java-runtime-interface-client.jar",
            "aws-lambda-java-serialization.jar");

    private static List<URL> urls;

    private RuntimeJars() {
    }

    public static synchronized List<URL> urls() {
        if (urls != null) {
            return urls;
        }
        try {
            Path directory = Files.createTempDirectory("rushgate-lambda-runtime");
            directory.toFile().deleteOnExit();
            List<URL> found = new ArrayList<>();
            for (String name : NAMES) {
                Path target = directory.resolve(name);
                try (InputStream in = RuntimeJars.class.getResourceAsStream("/lambda-runtime/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the local stack jar lacks lambda-runtime/" + name
                                + "; rebuild it with 'mvn package'");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
                found.add(toUrl(target));
            }
            urls = List.copyOf(found);
            return urls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the Lambda runtime jars", e);
        }
    }

    static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }
}
