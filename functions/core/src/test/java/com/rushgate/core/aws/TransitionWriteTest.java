package com.rushgate.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.domain.Transition;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class TransitionWriteTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final RequestId ID = new Sha256RequestIds().derive("drop", "alice");

    @Test
    void claimCondition_listsEverySourceAndTheLeaseGuard() {
        UpdateItemRequest update = TransitionWrite.of(Transition.CLAIM, ID, NOW).toUpdate("t").build();

        assertThat(update.conditionExpression())
                .startsWith("attribute_exists(#requestId) AND (")
                .contains("#leaseExpiresAt < :nowMs");
        assertThat(update.expressionAttributeValues().values())
                .extracting(v -> v.s())
                .contains("RECEIVED", "QUEUED", "FAILED_FINAL", "PROCESSING");
        assertThat(update.expressionAttributeValues().get(":nowMs").n()).isEqualTo(Long.toString(NOW.toEpochMilli()));
    }

    @Test
    void nonFinalTarget_keepsTheRequestInTheInflightIndex() {
        UpdateItemRequest update = TransitionWrite.of(Transition.ENQUEUE, ID, NOW).toUpdate("t").build();

        assertThat(update.updateExpression()).contains("#inflightPk = :inflightPk")
                .contains("REMOVE #reason, #completedAt, #latencyMs, #processingMs")
                .doesNotContain("REMOVE #inflightPk");
        assertThat(update.expressionAttributeValues().get(":inflightPk").s()).matches("QUEUED#\\d\\d");
    }

    @Test
    void finalTarget_leavesTheInflightIndex() {
        UpdateItemRequest update = TransitionWrite.of(Transition.REJECT, ID, NOW).expectingAttempt(2).toUpdate("t").build();

        assertThat(update.updateExpression()).contains("REMOVE #inflightPk, #inflightAt, #leaseExpiresAt");
        assertThat(update.conditionExpression()).contains("#attempts = :attempt");
        assertThat(update.expressionAttributeValues().get(":attempt").n()).isEqualTo("2");
    }

    @Test
    void guardedTransition_withoutTheExpectedAttempt_isABug() {
        assertThatThrownBy(() -> TransitionWrite.of(Transition.SUCCEED, ID, NOW).toUpdate("t"))
                .isInstanceOf(IllegalStateException.class);
    }
}
