package com.rushgate.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.domain.Sha256RequestIds;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkMessagesTest {

    @Test
    void roundTrip_keepsEveryField() {
        WorkMessage message = new WorkMessage(new Sha256RequestIds().derive("drop", "alice"), "drop",
                Instant.parse("2026-11-24T10:00:00.123Z"));

        String body = WorkMessages.encode(message);

        assertThat(body).contains("\"v\":1").contains("\"acceptedAt\":\"2026-11-24T10:00:00.123Z\"");
        assertThat(WorkMessages.decode(body)).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "[]", "{}", "{\"v\":2}",
            "{\"v\":1,\"requestId\":\"rq_x\",\"eventId\":\"e\",\"acceptedAt\":\"2026-11-24T10:00:00Z\"}",
            "{\"v\":1,\"requestId\":\"rq_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"eventId\":\"a/b\",\"acceptedAt\":\"2026-11-24T10:00:00Z\"}",
            "{\"v\":1,\"requestId\":\"rq_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"eventId\":\"e\",\"acceptedAt\":\"yesterday\"}",
            "{\"v\":1,\"requestId\":\"rq_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"eventId\":\"e\"}"})
    void anythingElse_isUnreadableWithAReason(String body) {
        assertThatThrownBy(() -> WorkMessages.decode(body))
                .isInstanceOf(WorkMessages.UnreadableMessageException.class)
                .hasMessageContaining(" ");
    }

    @Test
    void timestamps_alwaysHaveThreeFractionDigits() {
        assertThat(Timestamps.format(Instant.parse("2026-11-24T10:00:00Z"))).isEqualTo("2026-11-24T10:00:00.000Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-24T10:00:00.123456Z"))).isEqualTo("2026-11-24T10:00:00.123Z");
    }
}
