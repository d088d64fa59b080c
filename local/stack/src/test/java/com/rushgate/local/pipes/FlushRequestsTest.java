package com.rushgate.local.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FlushRequestsTest {

    private final FlushRequests requests = new FlushRequests("final-requests");

    private CompletableFuture<Void> caller() {
        return CompletableFuture.runAsync(() -> requests.requestAndWait(Duration.ofSeconds(30)));
    }

    @Test
    void everyRequest_returnsOnceAFlushHasServedIt() {
        AtomicInteger flushes = new AtomicInteger();
        CompletableFuture<Void> first = caller();
        CompletableFuture<Void> second = caller();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            requests.serve(flushes::incrementAndGet);
            return first.isDone() && second.isDone();
        });

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(flushes.get()).isBetween(1, 2);
        assertThat(requests.serve(flushes::incrementAndGet)).as("nothing left to serve").isFalse();
    }

    @Test
    void aFlushThatFails_failsItsCallers_andThePipesThread() {
        CompletableFuture<Void> caller = caller();
        RuntimeException failure = new IllegalStateException("disk full");
        Runnable failing = () -> {
            throw failure;
        };

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                return requests.serve(failing);
            } catch (IllegalStateException e) {
                return true;
            }
        });

        assertThatThrownBy(caller::join).isInstanceOf(CompletionException.class)
                .hasMessageContaining("could not flush").hasMessageContaining("disk full");
    }

    @Test
    void aStoppedPipe_refusesWhatWaits_andNobodyServing_endsInATimeout() {
        CompletableFuture<Void> caller = caller();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            requests.refuseAll();
            return caller.isDone();
        });

        assertThatThrownBy(caller::join).hasMessageContaining("stopped");
        assertThatThrownBy(() -> requests.requestAndWait(Duration.ofMillis(50)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not flush within");
    }
}
