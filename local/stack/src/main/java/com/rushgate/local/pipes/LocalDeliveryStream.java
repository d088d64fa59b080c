package com.rushgate.local.pipes;

import com.rushgate.local.template.StackModel.DeliveryStreamSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Firehose delivery stream to S3 on the local disk: the bucket is a folder of the data lake.
 * Records are buffered until {@code BufferingHints.SizeInMBs} (uncompressed) or
 * {@code IntervalInSeconds} after the oldest one arrived, then written as one object under the
 * evaluated {@code Prefix}, named as Firehose names them
 * ({@code <stream>-1-yyyy-MM-dd-HH-mm-ss-<id>.gz}), GZIP-compressed when {@code CompressionFormat}
 * says so, each record followed by a newline when the {@code AppendDelimiterToRecord} processor
 * is on (without it, records are concatenated, as Firehose does).
 *
 * <p>An object is written to a staging folder, forced to disk, then moved into the bucket in one
 * atomic rename: a reader never sees half an object, and when {@link #flush()} returns the records
 * are durable. Not thread-safe: one pipe thread drives it; the counters may be read from anywhere.
 */
public final class LocalDeliveryStream {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDeliveryStream.class);
    private static final DateTimeFormatter OBJECT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    /** Where objects are written before they are moved into the bucket; not part of the bucket. */
    public static final String STAGING = ".incoming";

    private final DeliveryStreamSpec spec;
    private final Path bucket;
    private final Path staging;
    private final Clock clock;
    private final FirehosePrefix prefix;
    private final byte[] delimiter;
    private final boolean gzip;
    private final String extension;
    private final long sizeLimit;
    private final Duration interval;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int bufferedRecords;
    private Instant oldestArrival;
    private final AtomicLong deliveredRecords = new AtomicLong();
    private final AtomicLong deliveredObjects = new AtomicLong();
    private volatile int buffered;

    /**
     * @param lake the folder that holds one folder per bucket
     * @throws IllegalArgumentException for settings the local stack does not emulate (a Lambda
     *                                  processor, Snappy or ZIP compression, dynamic partitioning)
     */
    public LocalDeliveryStream(DeliveryStreamSpec spec, Path lake, Clock clock) {
        this.spec = spec;
        this.bucket = lake.resolve(spec.bucketName());
        this.staging = lake.resolve(STAGING);
        this.clock = clock;
        this.prefix = new FirehosePrefix(spec.prefix(), ZoneId.of(spec.timeZone()));
        new FirehosePrefix(spec.errorOutputPrefix(), ZoneId.of(spec.timeZone()));
        this.delimiter = delimiter(spec);
        this.gzip = switch (spec.compression()) {
            case "GZIP" -> true;
            case "UNCOMPRESSED" -> false;
            default -> throw new IllegalArgumentException("delivery stream " + spec.logicalId() + ": CompressionFormat "
                    + spec.compression() + " is not emulated (GZIP or UNCOMPRESSED)");
        };
        this.extension = spec.fileExtension() != null ? spec.fileExtension() : gzip ? ".gz" : "";
        this.sizeLimit = spec.bufferSizeMb() * 1024L * 1024L;
        this.interval = Duration.ofSeconds(spec.bufferIntervalSeconds());
    }

    private static byte[] delimiter(DeliveryStreamSpec spec) {
        String delimiter = "";
        for (Map.Entry<String, Map<String, String>> processor : spec.processors()) {
            if (!processor.getKey().equals("AppendDelimiterToRecord")) {
                throw new IllegalArgumentException("delivery stream " + spec.logicalId() + ": the " + processor.getKey()
                        + " processor is not emulated");
            }
            delimiter = unescape(processor.getValue().getOrDefault("Delimiter", "\\n"));
        }
        return delimiter.getBytes(StandardCharsets.UTF_8);
    }

    private static String unescape(String delimiter) {
        return delimiter.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
    }

    /** Adds records; writes an object at once when the buffer reaches its size. */
    public void put(List<String> records) {
        for (String record : records) {
            if (bufferedRecords == 0) {
                oldestArrival = clock.instant();
            }
            buffer.writeBytes(record.getBytes(StandardCharsets.UTF_8));
            buffer.writeBytes(delimiter);
            bufferedRecords++;
        }
        buffered = bufferedRecords;
        if (buffer.size() >= sizeLimit) {
            flush();
        }
    }

    /** Writes the buffer if its oldest record has waited the buffering interval. */
    public boolean flushIfDue() {
        if (bufferedRecords > 0 && !clock.instant().isBefore(oldestArrival.plus(interval))) {
            return flush();
        }
        return false;
    }

    /**
     * Writes what is buffered as one object, durably.
     *
     * @return false if there was nothing to write
     * @throws UncheckedIOException if it could not be written; the records stay buffered
     */
    public boolean flush() {
        if (bufferedRecords == 0) {
            return false;
        }
        String key = prefix.evaluate(oldestArrival, null) + spec.name() + "-1-" + OBJECT_TIME.format(oldestArrival) + "-"
                + UUID.randomUUID() + extension;
        Path target = bucket.resolve(key).normalize();
        if (!target.startsWith(bucket)) {
            throw new IllegalStateException("object key " + key + " leaves the bucket");
        }
        Path part = staging.resolve(UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(staging);
            Files.createDirectories(target.getParent());
            write(part);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UncheckedIOException("cannot write " + target, e);
        }
        LOG.debug("delivered {} records to {}", bufferedRecords, target);
        deliveredRecords.addAndGet(bufferedRecords);
        deliveredObjects.incrementAndGet();
        buffer.reset();
        bufferedRecords = 0;
        buffered = 0;
        oldestArrival = null;
        return true;
    }

    private void write(Path part) throws IOException {
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            if (gzip) {
                GZIPOutputStream compressed = new GZIPOutputStream(out, 64 * 1024);
                buffer.writeTo(compressed);
                compressed.finish();
                compressed.flush();
                channel.force(true);
                compressed.close();
            } else {
                buffer.writeTo(out);
                channel.force(true);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stray staging file is never read: it is outside the bucket
        }
    }

    public boolean isEmpty() {
        return bufferedRecords == 0;
    }

    /** Records waiting in the buffer. */
    public int buffered() {
        return buffered;
    }

    public long deliveredRecords() {
        return deliveredRecords.get();
    }

    public long deliveredObjects() {
        return deliveredObjects.get();
    }

    /** The local folder that stands for the bucket. */
    public Path bucket() {
        return bucket;
    }

    public DeliveryStreamSpec spec() {
        return spec;
    }
}
