package com.rushgate.core.app.port;

import java.time.Duration;

/**
 * What operators count. Implementations collect during an invocation and publish once at its end;
 * calls are thread-safe and never throw.
 */
public interface BusinessMetrics {

    void accepted();

    void duplicate();

    void succeeded(Duration latency);

    void rejected(Duration latency);

    void failedFinal();

    void retried();

    void deadLettered();

    /** An operator's redrive sent a request back to the queue. */
    void redriven();

    /** The reconciler sent a new message for a request whose message was gone. */
    void requeued();

    /** The reconciler gave a stuck request up: FAILED_FINAL, with a message in the DLQ. */
    void gaveUp();

    /** A port that counts nothing, for tools that reuse the use cases. */
    BusinessMetrics NONE = new BusinessMetrics() {
        @Override
        public void accepted() {
        }

        @Override
        public void duplicate() {
        }

        @Override
        public void succeeded(Duration latency) {
        }

        @Override
        public void rejected(Duration latency) {
        }

        @Override
        public void failedFinal() {
        }

        @Override
        public void retried() {
        }

        @Override
        public void deadLettered() {
        }

        @Override
        public void redriven() {
        }

        @Override
        public void requeued() {
        }

        @Override
        public void gaveUp() {
        }
    };
}
