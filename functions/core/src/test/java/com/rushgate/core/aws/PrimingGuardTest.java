package com.rushgate.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.PrimingPorts;
import com.rushgate.core.config.Env;
import com.rushgate.core.domain.RequestStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SDK clients while priming: reads go out and close their connection, writes never leave. No sockets. */
class PrimingGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String QUEUE = "http://127.0.0.1:9324/000000000000/work";

    private final RecordingHttpClient http = new RecordingHttpClient();
    private final AwsClients clients = new AwsClients(new Env(Map.of("AWS_REGION", "eu-west-1",
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000", "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324")), http);
    private final DynamoDbClient dynamoDb = clients.dynamoDb();
    private final DynamoRequestStore requests = new DynamoRequestStore(dynamoDb, "RequestTable", 16);
    private final SqsClient sqs = clients.sqs();

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "unit");
        System.setProperty("aws.secretAccessKey", "unit");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void whilePriming_readsAreSentAndAskForTheirConnectionToBeClosed() {
        clients.primingScope(() -> {
            requests.find(PrimingPorts.REQUEST_ID);
            new SqsWorkQueue(sqs, QUEUE).readAttributes();
        });

        assertThat(http.sent).hasSize(2).allSatisfy(request ->
                assertThat(request.firstMatchingHeader("Connection")).contains("close"));
    }

    @Test
    void whilePriming_everyWriteIsStoppedBeforeItIsSent() {
        clients.primingScope(() -> {
            clients.rehearseWrite(() -> requests.insertIfAbsent(PrimingPorts.request(RequestStatus.RECEIVED)));
            clients.rehearseWrite(() -> requests.markQueued(PrimingPorts.REQUEST_ID, NOW));
            clients.rehearseWrite(() -> new DynamoStockAllocator(dynamoDb, "EventTable", "RequestTable")
                    .allocate(PrimingPorts.request(RequestStatus.PROCESSING), NOW));
            clients.rehearseWrite(() -> new SqsWorkQueue(sqs, QUEUE).send(PrimingPorts.message()));
            clients.rehearseWrite(() -> new SqsDeadLetterSource(sqs, QUEUE).receive(1, Duration.ofSeconds(1)));
            assertThatThrownBy(() -> dynamoDb.deleteItem(d -> d.tableName("RequestTable").key(Map.of())))
                    .isInstanceOf(PrimingGuard.Stopped.class);
        });

        assertThat(http.sent).isEmpty();
    }

    @Test
    void outsidePriming_callsGoOutUnchanged() {
        requests.markQueued(PrimingPorts.REQUEST_ID, NOW);

        assertThat(http.sent).singleElement().satisfies(request ->
                assertThat(request.firstMatchingHeader("Connection")).isEmpty());
    }

    @Test
    void rehearseWrite_outsidePriming_doesNotEvenStartTheWrite() {
        AtomicBoolean started = new AtomicBoolean();

        assertThatThrownBy(() -> clients.rehearseWrite(() -> started.set(true))).isInstanceOf(IllegalStateException.class);

        assertThat(started).isFalse();
    }

    @Test
    void rehearseWrite_thatIsNotStopped_isReportedAsAFailure() {
        clients.primingScope(() ->
                assertThatThrownBy(() -> clients.rehearseWrite(() -> requests.find(PrimingPorts.REQUEST_ID)))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not stopped"));
    }

    /** Answers every call with 200 and an empty JSON object, and remembers what it was sent. */
    private static final class RecordingHttpClient implements SdkHttpClient {

        final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    sent.add(request.httpRequest());
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).build())
                            .responseBody(AbortableInputStream.create(
                                    new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
