package com.rushgate.redrive;

import static com.rushgate.redrive.RaffleStage.CLOSES;
import static com.rushgate.redrive.RaffleStage.OPENS;
import static com.rushgate.redrive.RaffleStage.SEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.app.ClientException;
import com.rushgate.core.domain.Event;
import com.rushgate.core.domain.EventType;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operators' Draw function on the in-memory ports, from the input events/draw.json shows. */
class DrawHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RaffleStage stage = new RaffleStage();
    private final DrawHandler handler = new DrawHandler(stage.draws());

    /** events/draw.json, as Lambda hands it to the handler, for another event when asked. */
    private static Map<String, Object> input(String eventId, boolean excludeFailed) throws IOException {
        Map<String, Object> input = new HashMap<>(JSON.readValue(Path.of(Fixtures.event("draw.json")).toFile(),
                new TypeReference<Map<String, Object>>() { }));
        input.put("eventId", eventId);
        input.put("excludeFailed", excludeFailed);
        return input;
    }

    private Map<String, Object> draw(String eventId, boolean excludeFailed) throws IOException {
        return handler.handleRequest(input(eventId, excludeFailed), InvocationContext.direct());
    }

    @Test
    void sampleInput_isReadAsItIs() throws IOException {
        Map<String, Object> sample = JSON.readValue(Path.of(Fixtures.event("draw.json")).toFile(),
                new TypeReference<Map<String, Object>>() { });

        assertThat(DrawHandler.command(sample).eventId()).isEqualTo("raffle-1");
        assertThat(DrawHandler.command(sample).excludeFailed()).isFalse();
    }

    @Test
    void aDueRaffle_isDrawn_andTheAnswerSaysWhatWasPublished() throws IOException {
        stage.raffle("raffle-1", 2);
        stage.entered("raffle-1", 7);
        stage.afterTheSettleWindow();

        Map<String, Object> answer = draw("raffle-1", false);

        PublishedDraw published = stage.results.announced.get(0);
        assertThat(answer).containsEntry("eventId", "raffle-1").containsEntry("outcome", "DRAWN")
                .containsEntry("capacity", 2).containsEntry("commitment", SEED.commitment())
                .containsEntry("seed", SEED.hex()).containsEntry("entries", 7L).containsEntry("winners", 2)
                .containsEntry("excluded", List.of()).containsEntry("location", published.location())
                .containsEntry("closesAt", "2026-12-01T10:10:00.000Z")
                .containsEntry("drawnAt", "2026-12-01T10:10:01.500Z");
        assertThat(JSON.writeValueAsString(answer)).as("Lambda serialises it").contains("\"outcome\":\"DRAWN\"");
        assertThat(stage.queue.decisions).isNotEmpty();
    }

    @Test
    void drawnTwice_theSecondAnswersTheFirstResult() throws IOException {
        stage.raffle("raffle-1", 2);
        stage.entered("raffle-1", 7);
        stage.afterTheSettleWindow();
        Map<String, Object> first = draw("raffle-1", false);

        Map<String, Object> second = draw("raffle-1", true);

        assertThat(second).containsEntry("outcome", "ALREADY_DRAWN");
        assertThat(withoutOutcome(second)).isEqualTo(withoutOutcome(first));
        assertThat(stage.results.folders()).isEqualTo(1);
    }

    private static Map<String, Object> withoutOutcome(Map<String, Object> answer) {
        Map<String, Object> rest = new HashMap<>(answer);
        rest.remove("outcome");
        return rest;
    }

    @Test
    void beforeTheCloseAndTheSettleWindow_itIsTooEarly_andSaysWhenItIsDue() throws IOException {
        stage.raffle("raffle-1", 2);
        stage.clock.set(CLOSES);

        Map<String, Object> answer = draw("raffle-1", false);

        assertThat(answer).containsEntry("outcome", "TOO_EARLY").containsEntry("dueAt", "2026-12-01T10:10:01.500Z");
        assertThat(stage.results.folders()).isZero();
    }

    @Test
    void aFailedEntry_blocksTheDraw_untilTheOperatorDrawsWithoutIt_whichTheResultRecords() throws IOException {
        stage.raffle("raffle-1", 2);
        stage.entered("raffle-1", 4);
        ParticipationRequest failed = stage.failed("raffle-1", "unlucky");
        stage.afterTheSettleWindow();

        Map<String, Object> blocked = draw("raffle-1", false);
        Map<String, Object> drawn = draw("raffle-1", true);

        assertThat(blocked).containsEntry("outcome", "BLOCKED").containsEntry("inFlight", 0)
                .containsEntry("failed", List.of(failed.requestId().value()));
        assertThat(drawn).containsEntry("outcome", "DRAWN").containsEntry("entries", 4L)
                .containsEntry("excluded", List.of(failed.requestId().value()));
        assertThat(stage.results.announced.get(0).excluded()).extracting(RequestId::value)
                .containsExactly(failed.requestId().value());
    }

    @Test
    void anEntryInFlight_blocksTheDraw_evenForAnOperatorWhoExcludesFailures() throws IOException {
        stage.raffle("raffle-1", 2);
        stage.entered("raffle-1", 4);
        stage.inFlight("raffle-1", "slow");
        stage.afterTheSettleWindow();

        Map<String, Object> answer = draw("raffle-1", true);

        assertThat(answer).containsEntry("outcome", "BLOCKED").containsEntry("inFlight", 1)
                .containsEntry("failed", List.of());
        assertThat(stage.results.announced).isEmpty();
    }

    @Test
    void anFcfsEvent_isNotARaffle_andAnUnknownOneIsNotFound() throws IOException {
        stage.events.put(Event.create("drop-1", EventType.FCFS, 5, OPENS, CLOSES));
        stage.afterTheSettleWindow();

        assertThat(draw("drop-1", false)).containsEntry("outcome", "NOT_A_RAFFLE")
                .hasEntrySatisfying("why", why -> assertThat(why.toString()).contains("first come"));
        assertThat(draw("nowhere", false)).containsOnly(Map.entry("eventId", "nowhere"),
                Map.entry("outcome", "NOT_FOUND"));
    }

    @Test
    void anInvalidInput_failsTheInvocation_sayingWhy() {
        assertThatThrownBy(() -> handler.handleRequest(Map.of("eventId", "raffle-1", "exclude", true),
                InvocationContext.direct())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown input field 'exclude'").hasMessageContaining("excludeFailed");
        assertThatThrownBy(() -> handler.handleRequest(Map.of("eventId", "raffle-1", "excludeFailed", "yes"),
                InvocationContext.direct())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("excludeFailed must be true or false");
        assertThatThrownBy(() -> handler.handleRequest(Map.of(), InvocationContext.direct()))
                .isInstanceOf(ClientException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> handler.handleRequest(Map.of("eventId", "raffle#seed"), InvocationContext.direct()))
                .isInstanceOf(ClientException.class);
        assertThat(stage.results.folders()).isZero();
    }
}
