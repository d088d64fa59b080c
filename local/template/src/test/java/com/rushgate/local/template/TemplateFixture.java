package com.rushgate.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A small template written for one test, with the names the local stack would give it. */
record TemplateFixture(Template template, LocalNames names) {

    static TemplateFixture of(Path directory, String yaml) {
        Path file = directory.resolve("template.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Template template = Template.load(file);
        return new TemplateFixture(template, new LocalNames(template, ParameterValues.of(template, Map.of()),
                "us-east-1", URI.create("http://127.0.0.1:9324"), secret -> "s3cr3t-" + secret));
    }

    List<FunctionEvent> events() {
        return FunctionEvent.all(template, names.intrinsics());
    }
}
