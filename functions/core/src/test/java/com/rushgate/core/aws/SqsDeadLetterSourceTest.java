package com.rushgate.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.DrawDecisions;
import com.rushgate.core.app.EntryDecision;
import com.rushgate.core.app.WorkMessage;
import com.rushgate.core.app.port.DeadLetterSource;
import com.rushgate.core.domain.Sha256RequestIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsDeadLetterSourceTest {

    private static final Instant ACCEPTED = Instant.parse("2026-11-24T09:00:00.123Z");

    private static Message sqsMessage(String body, String kind) {
        Message.Builder message = Message.builder().messageId("m-1").receiptHandle("rh-1").body(body)
                .attributesWithStrings(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString(), "2"));
        if (kind != null) {
            message.messageAttributes(Map.of(WorkMessages.ATTR_KIND,
                    MessageAttributeValue.builder().dataType("String").stringValue(kind).build()));
        }
        return message.build();
    }

    @Test
    void toMessage_ofARafflesDecisions_carriesThemAndTheirEvent() {
        DrawDecisions decisions = new DrawDecisions("raffle-1", ACCEPTED.plusSeconds(3600), List.of(new EntryDecision(
                new Sha256RequestIds().derive("raffle-1", "alice"), ACCEPTED, EntryDecision.Verdict.WON)));

        DeadLetterSource.Message message = SqsDeadLetterSource.toMessage(
                sqsMessage(WorkMessages.encode(decisions), WorkMessages.KIND_DECISIONS));

        assertThat(message.work()).isNull();
        assertThat(message.decisions()).isEqualTo(decisions);
        assertThat(message.eventId()).isEqualTo("raffle-1");
        assertThat(message.receiveCount()).isEqualTo(2);
    }

    @Test
    void toMessage_ofAParticipation_carriesTheRequestAndNoDecisions() {
        WorkMessage work = new WorkMessage(new Sha256RequestIds().derive("drop-1", "bob"), "drop-1", ACCEPTED);

        DeadLetterSource.Message message = SqsDeadLetterSource.toMessage(sqsMessage(WorkMessages.encode(work), null));

        assertThat(message.work()).isEqualTo(work);
        assertThat(message.decisions()).isNull();
        assertThat(message.eventId()).isEqualTo("drop-1");
    }

    @Test
    void toMessage_ofGarbage_isUnreadable() {
        DeadLetterSource.Message message = SqsDeadLetterSource.toMessage(
                sqsMessage("{\"kind\":\"drawDecisions\",\"eventId\":7}", WorkMessages.KIND_DECISIONS));

        assertThat(message.work()).isNull();
        assertThat(message.decisions()).isNull();
        assertThat(message.eventId()).isNull();
    }
}
