package com.rushgate.core.aws;

import static com.rushgate.core.domain.TransitionInputs.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.domain.Effect;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.domain.Transition;
import com.rushgate.core.domain.TransitionInputs;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class TransitionWriteTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final RequestId ID = new Sha256RequestIds().derive("drop", "alice");
    /** Every input any effect or guard takes. */
    private static final TransitionInputs ALL_INPUTS = new TransitionInputs(NOW, NOW.plusSeconds(30), "SOLD_OUT",
            "token-1", "fixed", NOW.minusSeconds(2), NOW.minusSeconds(1), 1, 3, NOW.plusSeconds(60));
    private static final Pattern ASSIGNED = Pattern.compile("(#\\w+) = ");

    @ParameterizedTest
    @EnumSource(Transition.class)
    void everyTransition_writesExactlyTheAttributesItsEffectNames(Transition transition) {
        UpdateItemRequest update = TransitionWrite.of(transition, ID, ALL_INPUTS).toUpdate("t").build();

        Set<String> expectedSet = new HashSet<>();
        Set<String> expectedRemoved = new HashSet<>();
        for (Effect.Change change : transition.effect().changes()) {
            List<String> attributes = RequestItem.attributesOf(change.field());
            (change.op() == Effect.Op.REMOVE ? expectedRemoved : expectedSet).addAll(attributes);
        }
        String[] parts = update.updateExpression().split(" REMOVE ");
        Set<String> assigned = new HashSet<>();
        Matcher matcher = ASSIGNED.matcher(parts[0]);
        while (matcher.find()) {
            assigned.add(update.expressionAttributeNames().get(matcher.group(1)));
        }
        Set<String> removed = new HashSet<>();
        if (parts.length > 1) {
            Arrays.stream(parts[1].split(", ")).forEach(name -> removed.add(update.expressionAttributeNames().get(name)));
        }

        assertThat(assigned).as("SET").isEqualTo(expectedSet);
        assertThat(removed).as("REMOVE").isEqualTo(expectedRemoved);
    }

    @Test
    void claimCondition_listsEverySourceAndTheLeaseGuard() {
        UpdateItemRequest update = TransitionWrite.of(Transition.CLAIM, ID, ALL_INPUTS).toUpdate("t").build();

        assertThat(update.conditionExpression())
                .startsWith("attribute_exists(#requestId) AND (")
                .contains("#leaseExpiresAt < :nowMs");
        assertThat(update.expressionAttributeValues().values())
                .extracting(v -> v.s())
                .contains("RECEIVED", "QUEUED", "FAILED_FINAL", "PROCESSING");
        assertThat(update.expressionAttributeValues().get(":nowMs").n()).isEqualTo(Long.toString(NOW.toEpochMilli()));
    }

    @Test
    void claim_isRecognisableByItsStatusValueAndTheAttemptCount() {
        // The local stack's fault injector finds claims this way.
        UpdateItemRequest update = TransitionWrite.of(Transition.CLAIM, ID, ALL_INPUTS).toUpdate("t").build();

        assertThat(update.expressionAttributeValues().get(":status").s()).isEqualTo("PROCESSING");
        assertThat(update.updateExpression()).contains("#attempts = if_not_exists(#attempts, :zero) + :one");
        assertThat(update.expressionAttributeValues().get(":leaseHolder").s()).isEqualTo("token-1");
    }

    @Test
    void nonFinalTarget_putsTheRequestInTheInflightIndexUnderItsNewStatus() {
        UpdateItemRequest update = TransitionWrite.of(Transition.ENQUEUE, ID, at(NOW)).toUpdate("t").build();

        assertThat(update.expressionAttributeValues().get(":inflightPk").s()).matches("QUEUED#\\d\\d");
        assertThat(update.expressionAttributeValues().get(":inflightAt").n()).isEqualTo(Long.toString(NOW.toEpochMilli()));
    }

    @Test
    void guardedTransition_withoutTheExpectedAttempt_isABug() {
        TransitionWrite write = TransitionWrite.of(Transition.SUCCEED, ID, at(NOW).withAcceptedAt(NOW));

        assertThatThrownBy(() -> write.toUpdate("t")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("attempt");
    }

    @Test
    void effectWithoutAnInputItSets_isABug() {
        assertThatThrownBy(() -> TransitionWrite.of(Transition.CLAIM, ID, at(NOW)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEASE_UNTIL");
    }

    @Test
    void optionalInputs_whenAbsent_leaveTheirAttributesAlone() {
        UpdateItemRequest update = TransitionWrite.of(Transition.REDRIVE, ID, at(NOW)).toUpdate("t").build();

        assertThat(update.updateExpression()).doesNotContain("#redriveReason")
                .contains("#redriveCount = if_not_exists(#redriveCount, :zero) + :one");
    }
}
