package com.rushgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.domain.Effect.Change;
import com.rushgate.core.domain.Effect.Input;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void change_ofAnIdentityField_isRefused() {
        assertThatThrownBy(() -> Change.set(RequestField.ACCEPTED_AT, Input.NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity");
    }

    @Test
    void change_withAnInputOfAnotherType_isRefused() {
        assertThatThrownBy(() -> Change.set(RequestField.LEASE_EXPIRES_AT, Input.GIVEN_REASON))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LEASE_EXPIRES_AT");
        assertThatThrownBy(() -> Change.increment(RequestField.REASON))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a count");
    }

    @Test
    void increment_countsFromZero_andSetIfGiven_leavesAnAbsentInputAlone() {
        Map<RequestField, Object> before = new EnumMap<>(RequestField.class);
        before.put(RequestField.REDRIVE_REASON, "earlier");

        Map<RequestField, Object> after = Transition.REDRIVE.effect().applyTo(before, TransitionInputs.at(T0));

        assertThat(after).containsEntry(RequestField.REDRIVE_COUNT, 1L)
                .containsEntry(RequestField.REDRIVE_REASON, "earlier")
                .containsEntry(RequestField.STATUS, RequestStatus.QUEUED)
                .containsEntry(RequestField.VERSION, 1L);
        assertThat(before).as("the input map is not changed").containsOnlyKeys(RequestField.REDRIVE_REASON);
    }

    @Test
    void set_withoutItsInput_namesTheTransitionAndTheInput() {
        assertThatThrownBy(() -> Transition.HOLD.effect().applyTo(Map.of(), TransitionInputs.at(T0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HOLD").hasMessageContaining("LEASE_UNTIL");
    }
}
