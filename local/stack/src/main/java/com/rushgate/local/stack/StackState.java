package com.rushgate.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a running stack publishes in its state directory (stack.json), so that other commands
 * (token, create-event, invoke, analytics, the aws CLI) can find it. {@code s3} is the local S3
 * endpoint over {@code lake}, the folder of the template's buckets.
 */
public record StackState(long pid, Path template, String region, URI api, URI dynamoDb, URI sqs, URI s3, Path dataDir,
                         Map<String, String> parameters, Path lake) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The running stack of this state directory, if its process is alive and its ports answer. */
    public static Optional<StackState> find(Path stateDir) {
        Path file = stateDir.resolve(LocalStack.STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            Map<String, String> parameters = new LinkedHashMap<>();
            node.path("parameters").fields().forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().asText()));
            StackState state = new StackState(
                    node.path("pid").asLong(),
                    Path.of(node.path("template").asText()),
                    node.path("region").asText(),
                    node.hasNonNull("api") ? URI.create(node.get("api").asText()) : null,
                    URI.create(node.path("dynamodb").asText()),
                    URI.create(node.path("sqs").asText()),
                    node.hasNonNull("s3") ? URI.create(node.get("s3").asText()) : null,
                    node.hasNonNull("dataDir") ? Path.of(node.get("dataDir").asText()) : null,
                    parameters,
                    node.hasNonNull("lake") ? Path.of(node.get("lake").asText()) : null);
            boolean alive = ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive && answers(state.dynamoDb()) ? Optional.of(state) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes this state where {@link #find} looks for it, and returns the file. */
    Path write(Path stateDir) {
        ObjectNode state = JSON.createObjectNode();
        state.put("pid", pid);
        state.put("template", template.toString());
        state.put("region", region);
        state.put("api", api == null ? null : api.toString());
        state.put("dynamodb", dynamoDb.toString());
        state.put("sqs", sqs.toString());
        state.put("s3", s3 == null ? null : s3.toString());
        state.put("dataDir", dataDir == null ? null : dataDir.toString());
        state.put("lake", lake == null ? null : lake.toString());
        state.putPOJO("parameters", parameters);
        Path file = stateDir.resolve(LocalStack.STATE_FILE);
        try {
            Files.createDirectories(stateDir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static boolean answers(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
