package com.rushgate.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.testing.InMemoryRequestStore;
import com.rushgate.core.testing.Requests;
import java.time.Instant;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class RequestStatusUseCaseTest {

    private final InMemoryRequestStore requests = new InMemoryRequestStore();
    private final RequestStatusUseCase useCase = new RequestStatusUseCase(requests);

    @Test
    void owner_seesTheRequest() {
        ParticipationRequest request = Requests.received("drop", "alice", Instant.parse("2026-11-24T10:00:00Z"));
        requests.insertIfAbsent(request);

        RequestView view = useCase.status(new StatusQuery(request.requestId().value(), "alice"));

        assertThat(view.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(view.eventId()).isEqualTo("drop");
        assertThat(view.acceptedAt()).isEqualTo(request.acceptedAt());
    }

    @Test
    void anEnteredRaffleEntry_showsItsDrawTime_andADecidedOneDoesNot() {
        Instant accepted = Instant.parse("2026-11-24T10:00:00Z");
        Instant drawAt = accepted.plusSeconds(3_600);
        ParticipationRequest entered = claimed("alice", accepted);
        ParticipationRequest decided = claimed("bob", accepted);
        assertThat(requests.enter(entered, drawAt, accepted.plusSeconds(1))).isTrue();
        assertThat(requests.enter(decided, drawAt, accepted.plusSeconds(1))).isTrue();
        assertThat(requests.decideEntry(new EntryDecision(decided.requestId(), accepted, EntryDecision.Verdict.NOT_DRAWN),
                drawAt, drawAt)).isTrue();

        RequestView waiting = useCase.status(new StatusQuery(entered.requestId().value(), "alice"));
        RequestView lost = useCase.status(new StatusQuery(decided.requestId().value(), "bob"));

        assertThat(waiting.status()).isEqualTo(RequestStatus.ENTERED);
        assertThat(waiting.drawAt()).isEqualTo(drawAt);
        assertThat(lost.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(lost.reason()).isEqualTo("NOT_DRAWN");
        assertThat(lost.drawAt()).isNull();
    }

    private ParticipationRequest claimed(String user, Instant acceptedAt) {
        ParticipationRequest request = Requests.received("raffle", user, acceptedAt);
        requests.insertIfAbsent(request);
        return ((RequestStore.ClaimResult.Claimed) requests.claim(request.requestId(), acceptedAt,
                acceptedAt.plusSeconds(30))).request();
    }

    @Test
    void someoneElse_getsExactlyTheUnknownAnswer() {
        ParticipationRequest request = Requests.received("drop", "alice", Instant.parse("2026-11-24T10:00:00Z"));
        requests.insertIfAbsent(request);
        String unknown = new Sha256RequestIds().derive("drop", "nobody").value();

        Throwable notMine = Assertions.catchThrowable(
                () -> useCase.status(new StatusQuery(request.requestId().value(), "mallory")));
        Throwable missing = Assertions.catchThrowable(
                () -> useCase.status(new StatusQuery(unknown, "mallory")));

        assertThat(notMine).isInstanceOf(ClientException.class);
        assertThat(((ClientException) notMine).code()).isEqualTo(ErrorCode.REQUEST_NOT_FOUND);
        assertThat(((ClientException) missing).code()).isEqualTo(ErrorCode.REQUEST_NOT_FOUND);
        assertThat(notMine.getMessage()).isEqualTo(missing.getMessage().replace(unknown, request.requestId().value()));
        assertThatThrownBy(() -> useCase.status(new StatusQuery(unknown, "alice"))).isInstanceOf(ClientException.class);
    }
}
