package com.rushgate.local.pipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a pipe stands in each shard of its stream: one small JSON file per shard, replaced
 * atomically. The pipe writes a shard's checkpoint only after the object holding every record up
 * to it is durably in the lake, so a crash makes the next pipe read some records again (queries
 * remove the duplicates by requestId) but never skips one.
 */
public final class ShardCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCheckpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param sequenceNumber the last record of the shard that is durably handled, or null for none
     * @param finished       the shard is closed and every record of it is handled: skip it
     */
    public record Checkpoint(String shardId, String sequenceNumber, boolean finished) {
    }

    private final Path directory;
    private final String streamArn;

    /** Checkpoints of one stream in {@code directory}; files of another stream (a recreated table) are ignored. */
    public ShardCheckpoints(Path directory, String streamArn) {
        this.directory = directory;
        this.streamArn = streamArn;
    }

    public Map<String, Checkpoint> load() {
        Map<String, Checkpoint> checkpoints = new HashMap<>();
        if (!Files.isDirectory(directory)) {
            return checkpoints;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                try {
                    JsonNode node = JSON.readTree(file.toFile());
                    if (streamArn.equals(node.path("streamArn").asText())) {
                        Checkpoint checkpoint = new Checkpoint(node.path("shardId").asText(),
                                node.hasNonNull("sequenceNumber") ? node.get("sequenceNumber").asText() : null,
                                node.path("finished").asBoolean());
                        checkpoints.put(checkpoint.shardId(), checkpoint);
                    }
                } catch (IOException e) {
                    LOG.warn("ignoring unreadable checkpoint {}: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoints in " + directory, e);
        }
        return checkpoints;
    }

    public void save(Checkpoint checkpoint) {
        ObjectNode node = JSON.createObjectNode();
        node.put("streamArn", streamArn);
        node.put("shardId", checkpoint.shardId());
        node.put("sequenceNumber", checkpoint.sequenceNumber());
        node.put("finished", checkpoint.finished());
        node.put("savedAt", Instant.now().toString());
        Path file = directory.resolve(fileName(checkpoint.shardId()));
        Path next = directory.resolve(fileName(checkpoint.shardId()) + ".next");
        try {
            Files.createDirectories(directory);
            JSON.writeValue(next.toFile(), node);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint " + file, e);
        }
    }

    private static String fileName(String shardId) {
        return shardId.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }

    public Path directory() {
        return directory;
    }
}
