package com.rushgate.core.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rushgate.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The events of the REST API in events/, read by ApiEvents and by the Lambda runtime's own serializer. */
    @ParameterizedTest
    @ValueSource(strings = {"participate.json", "status.json", "event-info.json", "admin.json"})
    void read_givesWhatTheLambdaRuntimesSerializerGives(String sample) throws IOException {
        String file = Fixtures.event(sample);

        APIGatewayProxyRequestEvent ours = ApiEvents.read(Files.readAllBytes(Path.of(file)));
        APIGatewayProxyRequestEvent runtime = EventLoader.loadApiGatewayRestEvent(file);

        assertThat(ours).usingRecursiveComparison().isEqualTo(runtime);
        assertThat(ApiRequests.subject(ours)).as("the caller the handlers read from the Cognito claims")
                .isEqualTo(ApiRequests.subject(runtime));
        assertThat(ours.getHttpMethod()).isNotBlank();
    }

    @Test
    void read_findsTheCallerOfAParticipation() throws IOException {
        APIGatewayProxyRequestEvent event = ApiEvents.read(Files.readAllBytes(Path.of(Fixtures.event("participate.json"))));

        assertThat(ApiRequests.subject(event)).isNotBlank();
        assertThat(event.getPathParameters()).containsKey("eventId");
    }

    /** Every field the event's beans have, numbers, booleans, lists and null among the claims. */
    @Test
    void read_givesWhatTheLambdaRuntimesSerializerGives_forEveryFieldOfTheEvent() throws Exception {
        String file = Path.of(ApiEventsTest.class.getResource("/api-event-every-field.json").toURI()).toString();

        APIGatewayProxyRequestEvent ours = ApiEvents.read(Files.readAllBytes(Path.of(file)));
        APIGatewayProxyRequestEvent runtime = EventLoader.loadApiGatewayRestEvent(file);

        assertThat(ours).usingRecursiveComparison().isEqualTo(runtime);
        assertThat(ours.getRequestContext().getIdentity().getSourceIp()).isEqualTo("203.0.113.9");
        assertThat(ours.getMultiValueHeaders().get("Accept")).containsExactly("a", "b");
        assertThat(ours.getHeaders()).containsEntry("X-Count", "3");
    }

    @Test
    void bytes_thenRead_givesTheSameEvent() throws Exception {
        String file = Path.of(ApiEventsTest.class.getResource("/api-event-every-field.json").toURI()).toString();
        APIGatewayProxyRequestEvent event = ApiEvents.read(Files.readAllBytes(Path.of(file)));

        assertThat(ApiEvents.read(ApiEvents.bytes(event))).usingRecursiveComparison().isEqualTo(event);
    }

    @Test
    void read_ignoresFieldsItDoesNotKnow_asTheRuntimeDoes() throws IOException {
        APIGatewayProxyRequestEvent event = ApiEvents.read(
                "{\"httpMethod\":\"GET\",\"path\":\"/x\",\"somethingNew\":{\"a\":1},\"isBase64Encoded\":true}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(event.getHttpMethod()).isEqualTo("GET");
        assertThat(event.getIsBase64Encoded()).isTrue();
    }

    @Test
    void read_refusesWhatIsNotAnEvent() {
        assertThatThrownBy(() -> ApiEvents.read("[1,2]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ApiEvents.read("{\"httpMethod\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void write_givesApiGatewaysProxyAnswer_leavingOutWhatIsNull() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ApiEvents.write(new APIGatewayProxyResponseEvent().withStatusCode(409)
                .withHeaders(Map.of("Retry-After", "1")).withBody("{\"error\":\"IN_PROGRESS\"}"), out);

        JsonNode written = JSON.readTree(out.toByteArray());
        assertThat(written.get("statusCode").asInt()).isEqualTo(409);
        assertThat(written.get("headers").get("Retry-After").asText()).isEqualTo("1");
        assertThat(written.get("body").asText()).isEqualTo("{\"error\":\"IN_PROGRESS\"}");
        assertThat(written.has("multiValueHeaders")).isFalse();
        assertThat(written.has("isBase64Encoded")).isFalse();
    }

    @Test
    void handler_readsTheStreamLambdaGives_andWritesItsAnswer() throws IOException {
        List<APIGatewayProxyRequestEvent> seen = new ArrayList<>();
        ApiHandler handler = new ApiHandler() {
            @Override
            public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
                seen.add(event);
                return new APIGatewayProxyResponseEvent().withStatusCode(202).withBody(event.getPathParameters().get("eventId"));
            }
        };
        byte[] participate = Files.readAllBytes(Path.of(Fixtures.event("participate.json")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(participate), out, InvocationContext.direct());

        JsonNode answer = JSON.readTree(out.toByteArray());
        assertThat(answer.get("statusCode").asInt()).isEqualTo(202);
        assertThat(answer.get("body").asText()).isEqualTo(seen.get(0).getPathParameters().get("eventId")).isNotBlank();
        APIGatewayProxyResponseEvent again = handler.handleJson(seen.get(0), InvocationContext.direct());
        assertThat(again.getStatusCode()).isEqualTo(202);
        assertThat(seen.get(1)).usingRecursiveComparison().isEqualTo(seen.get(0));
    }
}
