package com.rushgate.local.lambda;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where functions' stdout and stderr go. Lambda sends them to CloudWatch Logs; here each function
 * gets a file (logs/FunctionId.log), so the local stack's own console stays readable. Threads
 * started by a function inherit its destination; everything else writes to the real console.
 */
public final class FunctionLogs implements AutoCloseable {

    private static final InheritableThreadLocal<OutputStream> DESTINATION = new InheritableThreadLocal<>();
    private static final Object INSTALL_LOCK = new Object();
    private static volatile boolean installed;

    private final Path directory;
    private final Map<String, OutputStream> files = new ConcurrentHashMap<>();

    /** @param directory where the log files go; null sends function output to the console */
    public FunctionLogs(Path directory) {
        this.directory = directory;
        install();
        if (directory != null) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the function log directory " + directory, e);
            }
        }
    }

    public Path directory() {
        return directory;
    }

    /** Runs {@code action} with the current thread (and threads it starts) writing to the function's log. */
    void routeCurrentThread(String functionId) {
        if (directory == null) {
            DESTINATION.remove();
            return;
        }
        DESTINATION.set(files.computeIfAbsent(functionId, id -> {
            try {
                return new FileOutputStream(directory.resolve(id + ".log").toFile(), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the log of " + id, e);
            }
        }));
    }

    private static void install() {
        synchronized (INSTALL_LOCK) {
            if (installed) {
                return;
            }
            System.setOut(new PrintStream(new Router(System.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Router(System.err), true, StandardCharsets.UTF_8));
            installed = true;
        }
    }

    @Override
    public void close() {
        for (OutputStream file : files.values()) {
            try {
                synchronized (file) {
                    file.close();
                }
            } catch (IOException e) {
                // closing logs at shutdown: nothing left to tell
            }
        }
        files.clear();
    }

    /** Sends each write to the calling thread's function log, or to the console. */
    private static final class Router extends OutputStream {
        private final PrintStream console;

        Router(PrintStream console) {
            this.console = console;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            OutputStream destination = DESTINATION.get();
            if (destination == null) {
                console.write(bytes, offset, length);
                return;
            }
            synchronized (destination) {
                try {
                    destination.write(bytes, offset, length);
                } catch (IOException closed) {
                    console.write(bytes, offset, length);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            OutputStream destination = DESTINATION.get();
            if (destination == null) {
                console.flush();
            }
        }
    }
}
