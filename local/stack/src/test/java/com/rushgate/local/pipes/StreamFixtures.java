package com.rushgate.local.pipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.ParameterValues;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Stream records as a pipe receives them (src/test/resources/streams), and the repository's template. */
final class StreamFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamFixtures() {
    }

    static JsonNode record(String name) {
        try (InputStream in = StreamFixtures.class.getResourceAsStream("/streams/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static StackModel model() {
        Template template = Template.load(Path.of(System.getProperty("rushgate.root", "..")).resolve("template.yaml"));
        LocalNames names = new LocalNames(template, ParameterValues.of(template, Map.of()), "us-east-1",
                URI.create("http://127.0.0.1:9324"), secret -> "secret-" + secret);
        return StackModel.resolve(template, names);
    }

    static StackModel.PipeSpec analyticsPipe() {
        return model().pipes().get(0);
    }
}
