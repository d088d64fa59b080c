package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.local.stack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reconciler finds what no message will move again, through the in-flight index. */
class ReconcileIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = RecoveryStack.get();
    }

    private static RequestStatus statusOf(ParticipationRequest request) {
        return RecoveryStack.requests().find(request.requestId()).orElseThrow().status();
    }

    @Test
    void receivedWhoseMessageWasNeverSent_isQueuedAndDecided() {
        String eventId = SharedStack.openFcfs(stack, "reconcile-received", 3);
        ParticipationRequest stuck = RecoveryStack.received(eventId, "alice");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> RecoveryStack.reconcile().path("requeued").asInt() > 0 || statusOf(stuck) != RequestStatus.RECEIVED);

        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(stuck) == RequestStatus.SUCCEEDED);
        assertThat(Tables.remaining(stack, eventId)).isEqualTo(2);
    }

    @Test
    void processingLeftByACrashedWorker_isRequeuedAndDecided() {
        String eventId = SharedStack.openFcfs(stack, "reconcile-crashed", 3);
        ParticipationRequest request = RecoveryStack.received(eventId, "bob");
        Instant now = Instant.now();
        assertThat(RecoveryStack.requests().claim(request.requestId(), now, now.plusSeconds(1)))
                .isInstanceOf(ClaimResult.Claimed.class);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                .until(() -> RecoveryStack.reconcile().path("requeued").asInt() > 0 || statusOf(request) != RequestStatus.PROCESSING);

        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(request) == RequestStatus.SUCCEEDED);
        // Granted in its turn by the event's allocator, from PROCESSING: no second claim needed.
        assertThat(RecoveryStack.requests().find(request.requestId()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(Tables.remaining(stack, eventId)).isEqualTo(2);
    }

    @Test
    void requestWhoseAttemptsAreUsed_goesToTheDlqAndARedriveDecidesIt() {
        String eventId = SharedStack.openFcfs(stack, "reconcile-exhausted", 3);
        ParticipationRequest request = RecoveryStack.received(eventId, "carol");
        Instant now = Instant.now();
        RecoveryStack.requests().claim(request.requestId(), now, now.plusMillis(1));
        RecoveryStack.requests().claim(request.requestId(), now.plusMillis(2), now.plusMillis(3));

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                .until(() -> RecoveryStack.reconcile().path("gaveUp").asInt() > 0 || statusOf(request) == RequestStatus.FAILED_FINAL);

        ParticipationRequest failed = RecoveryStack.requests().find(request.requestId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(RequestStatus.FAILED_FINAL);
        assertThat(failed.reason()).isEqualTo("ATTEMPTS_EXHAUSTED");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> RecoveryStack.redrive("{\"eventId\":\"" + eventId + "\"}").path("redriven").asInt() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(request) == RequestStatus.SUCCEEDED);
    }
}
