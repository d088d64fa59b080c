package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ParticipateCommandTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void withoutSubject_isUnauthorized(String userId) {
        assertThatThrownBy(() -> new ParticipateCommand("drop", userId, null))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../etc", "a/b", "drop%2F1", "ｄｒｏｐ", "drop\u0000", "a\nb", "$where", "{\"$ne\":1}"})
    void badEventId_isRefused(String eventId) {
        assertThatThrownBy(() -> new ParticipateCommand(eventId, "alice", null))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EVENT_ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tab\there", "ünïcode"})
    void badClientRef_isRefused(String clientRef) {
        assertThatThrownBy(() -> new ParticipateCommand("drop", "alice", clientRef))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BODY));
    }

    @Test
    void clientRef_upToTheLimit_isAccepted() {
        assertThat(new ParticipateCommand("drop", "alice", "x".repeat(128)).clientRef()).hasSize(128);
        assertThatThrownBy(() -> new ParticipateCommand("drop", "alice", "x".repeat(129)))
                .isInstanceOf(ClientException.class);
    }

    @Test
    void statusQuery_refusesMalformedIds() {
        assertThatThrownBy(() -> new StatusQuery("rq_%2e%2e", "alice"))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_ID));
    }
}
