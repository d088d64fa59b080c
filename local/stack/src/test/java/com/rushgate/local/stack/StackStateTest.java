package com.rushgate.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {

    @TempDir
    Path stateDir;

    @Test
    void stackJson_recordsEveryEndpoint_theS3OneBesideDynamoDbAndSqs() throws IOException {
        StackState state = new StackState(42, Path.of("/repo/template.yaml"), "us-east-1",
                URI.create("http://127.0.0.1:3000"), URI.create("http://127.0.0.1:8000"),
                URI.create("http://127.0.0.1:9324"), URI.create("http://127.0.0.1:4569"), null, Map.of(),
                Path.of("/state/lake/run"));

        Path file = state.write(stateDir);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(file.getFileName().toString()).isEqualTo(LocalStack.STATE_FILE);
        assertThat(json.path("s3").asText()).isEqualTo("http://127.0.0.1:4569");
        assertThat(json.path("sqs").asText()).isEqualTo("http://127.0.0.1:9324");
        assertThat(json.path("dynamodb").asText()).isEqualTo("http://127.0.0.1:8000");
        assertThat(json.path("lake").asText()).isEqualTo("/state/lake/run");
    }
}
