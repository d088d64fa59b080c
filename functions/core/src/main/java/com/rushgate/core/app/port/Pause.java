package com.rushgate.core.app.port;

import java.time.Duration;

/**
 * Waiting, as a port, so that tests move a clock instead of sleeping. The worker pauses between
 * inline retries and while another allocator serves the line.
 */
@FunctionalInterface
public interface Pause {

    /** Returns after about {@code duration}, or at once when the thread is interrupted (flag kept). */
    void pause(Duration duration);

    /** The real one. */
    static Pause sleeping() {
        return duration -> {
            try {
                Thread.sleep(Math.max(0, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
