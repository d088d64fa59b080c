package com.rushgate.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The sample events in the repository's events/ folder, as `sam local invoke` and the tests use them. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The path of events/NAME, found from the module directory the tests run in. */
    public static String event(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("events").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("events/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
