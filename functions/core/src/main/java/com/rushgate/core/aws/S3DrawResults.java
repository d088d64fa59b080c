package com.rushgate.core.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.RequestId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link DrawResults} in the analytics bucket. A draw's folder, {@code draws/<eventId>/<drawId>/},
 * holds {@code draw.json} (one line: the seed, the commitment, the counts and times, the excluded
 * entries, the rule), {@code entries.txt} and {@code winners.txt} (one requestId per line, each line
 * {@link RequestId#LENGTH} + 1 bytes, so a page is one ranged GET). The recorded draw also gets a
 * line in {@code draw-results/<eventId>.json}, the analytics table of draws. The entry list is
 * written to a temporary file first (36 MB for a million entries, within Lambda's /tmp).
 */
public final class S3DrawResults implements DrawResults {

    static final String SUMMARY = "draw.json";
    static final String ENTRIES = "entries.txt";
    static final String WINNERS = "winners.txt";
    private static final int LINE = RequestId.LENGTH + 1;
    private static final String JSON_TYPE = "application/json";
    private static final String TEXT_TYPE = "text/plain; charset=us-ascii";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DRAW_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final S3Objects s3;
    private final String bucket;
    private final Clock clock;

    public S3DrawResults(S3Objects s3, String bucket, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public EntryList begin(String eventId) {
        String location = "draws/" + eventId + "/" + DRAW_ID.format(clock.instant()) + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "/";
        try {
            return new FileEntryList(location, Files.createTempFile("rushgate-entries-", ".txt"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the entry list of " + eventId, e);
        }
    }

    @Override
    public void announce(PublishedDraw draw) {
        ObjectNode line = summary(draw);
        line.remove("excluded");
        line.put("excluded", draw.excluded().size());
        s3.put(bucket, "draw-results/" + draw.eventId() + ".json", (line + "\n").getBytes(StandardCharsets.UTF_8), JSON_TYPE);
    }

    @Override
    public Optional<PublishedDraw> read(String location) {
        Optional<byte[]> found = s3.get(bucket, location + SUMMARY);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        byte[] summary = found.get();
        // The summary is written last, so its winners are there; a store that lags is tried again later.
        byte[] winnerLines = s3.get(bucket, location + WINNERS).orElseThrow(
                () -> new RetryableException("the draw at " + location + " has a summary but no winners yet"));
        try {
            JsonNode node = JSON.readTree(summary);
            List<RequestId> winners = lines(winnerLines);
            List<RequestId> excluded = new ArrayList<>();
            node.path("excluded").forEach(id -> excluded.add(new RequestId(id.asText())));
            return Optional.of(new PublishedDraw(node.path("eventId").asText(), node.path("capacity").asInt(),
                    node.path("commitment").asText(), node.path("seed").asText(),
                    node.hasNonNull("closesAt") ? Timestamps.parse(node.path("closesAt").asText()) : null,
                    Timestamps.parse(node.path("drawnAt").asText()), node.path("entries").asLong(), winners, excluded,
                    location));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the draw published at " + location + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<RequestId> page(String location, DrawFile file, int page, int pageSize) {
        if (page < 0 || pageSize < 1) {
            throw new IllegalArgumentException("page must be >= 0 and pageSize >= 1");
        }
        long first = (long) page * pageSize * LINE;
        long last = first + (long) pageSize * LINE - 1;
        String key = location + (file == DrawFile.ENTRIES ? ENTRIES : WINNERS);
        return s3.getRange(bucket, key, first, last).map(S3DrawResults::lines).orElse(List.of());
    }

    private static List<RequestId> lines(byte[] bytes) {
        List<RequestId> ids = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isEmpty()) {
                ids.add(new RequestId(line));
            }
        }
        return ids;
    }

    private static ObjectNode summary(PublishedDraw draw) {
        ObjectNode node = JSON.createObjectNode();
        node.put("eventId", draw.eventId());
        node.put("capacity", draw.capacity());
        node.put("commitment", draw.commitment());
        node.put("seed", draw.seed());
        node.put("closesAt", draw.closesAt() == null ? null : Timestamps.format(draw.closesAt()));
        node.put("drawnAt", Timestamps.format(draw.drawnAt()));
        node.put("entries", draw.entries());
        node.put("winners", draw.winners().size());
        node.putArray("excluded").addAll(draw.excluded().stream()
                .map(id -> (JsonNode) JSON.getNodeFactory().textNode(id.value())).toList());
        node.put("entriesFile", ENTRIES);
        node.put("winnersFile", WINNERS);
        node.put("rule", PublishedDraw.RULE);
        return node;
    }

    /** The entry list in a temporary file until it is published. */
    private final class FileEntryList implements EntryList {
        private final String location;
        private final Path file;
        private final BufferedWriter writer;
        private boolean closed;

        FileEntryList(String location, Path file) throws IOException {
            this.location = location;
            this.file = file;
            this.writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public void add(RequestId entry) {
            try {
                writer.write(entry.value());
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the entry list", e);
            }
        }

        @Override
        public void publish(PublishedDraw draw) {
            if (!location.equals(draw.location())) {
                throw new IllegalArgumentException("the draw names " + draw.location() + ", the list is at " + location);
            }
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish the entry list", e);
            }
            StringBuilder winners = new StringBuilder(draw.winners().size() * LINE);
            draw.winners().forEach(id -> winners.append(id.value()).append('\n'));
            s3.put(bucket, location + ENTRIES, file, TEXT_TYPE);
            s3.put(bucket, location + WINNERS, winners.toString().getBytes(StandardCharsets.US_ASCII), TEXT_TYPE);
            // The summary last: a folder with a draw.json is complete.
            s3.put(bucket, location + SUMMARY, (summary(draw) + "\n").getBytes(StandardCharsets.UTF_8), JSON_TYPE);
            close();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                writer.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + file, e);
            }
        }
    }
}
