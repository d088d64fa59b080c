package com.rushgate.local.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets another process change the fault level of a running stack: {@code rushgate chaos 0} writes
 * the level to a file in the state directory, and the stack, which watches that file, applies it
 * within a second. Only a stack started with fault injection watches.
 */
public final class ChaosControl implements AutoCloseable {

    public static final String FILE = "chaos";
    private static final Logger LOG = LoggerFactory.getLogger(ChaosControl.class);

    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-control");
        thread.setDaemon(true);
        return thread;
    });

    /** @param eventTable the table whose items are made hot, see {@link Faults#set} */
    public ChaosControl(Path stateDir, double initial, String workQueueUrl, String eventTable) {
        Path file = stateDir.resolve(FILE);
        write(stateDir, initial);
        Faults.set(initial, workQueueUrl, eventTable);
        watcher.scheduleWithFixedDelay(() -> {
            try {
                double wanted = Double.parseDouble(Files.readString(file, StandardCharsets.UTF_8).trim());
                if (wanted != Faults.level()) {
                    Faults.set(wanted, workQueueUrl, eventTable);
                    LOG.info("fault level is now {}", wanted);
                }
            } catch (IOException | RuntimeException e) {
                // A half-written or removed file: keep the current level and look again.
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Asks the stack of {@code stateDir} to inject faults at {@code level}. */
    public static void write(Path stateDir, double level) {
        if (level < 0 || level > 1) {
            throw new IllegalArgumentException("the fault level is a fraction between 0 and 1");
        }
        try {
            Files.createDirectories(stateDir);
            Path temporary = Files.createTempFile(stateDir, FILE, ".tmp");
            Files.writeString(temporary, Double.toString(level), StandardCharsets.UTF_8);
            Files.move(temporary, stateDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fault level into " + stateDir, e);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        Faults.off();
    }
}
