package com.rushgate.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The hot-item faults have exactly the shapes DynamoDB and the SDK give them. */
class FaultInterceptorTest {

    private static final String EVENTS = "EventTable";
    private static final String REQUESTS = "RequestTable";
    private static final String QUEUE = "http://127.0.0.1:9324/000000000000/WorkQueue";

    @AfterEach
    void off() {
        Faults.off();
    }

    @Test
    void cancelled_conflict_hasOneReasonPerItemInItemOrder() {
        TransactionCanceledException cancelled = FaultInterceptor.cancelled(List.of(REQUESTS, EVENTS), EVENTS,
                FaultInterceptor.CONFLICT, FaultInterceptor.CONFLICT_MESSAGE);

        assertThat(cancelled.hasCancellationReasons()).isTrue();
        assertThat(cancelled.cancellationReasons()).containsExactly(
                CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("TransactionConflict").message("Transaction is ongoing for the item").build());
        assertThat(cancelled.statusCode()).isEqualTo(400);
        assertThat(cancelled.awsErrorDetails().errorCode()).isEqualTo("TransactionCanceledException");
        assertThat(cancelled.awsErrorDetails().errorMessage())
                .isEqualTo("Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]");
        assertThat(cancelled.awsErrorDetails().serviceName()).isEqualTo("DynamoDb");
        assertThat(cancelled.getMessage())
                .startsWith("Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]")
                .contains("Service: DynamoDb, Status Code: 400, Request ID: CHAOS");
        assertThat(cancelled.isThrottlingException()).isFalse();
        assertThat(cancelled.retryable()).isFalse();
    }

    @Test
    void cancelled_throttle_namesThrottlingErrorOnTheEventItemOnly() {
        TransactionCanceledException cancelled = FaultInterceptor.cancelled(List.of(EVENTS, REQUESTS, REQUESTS), EVENTS,
                FaultInterceptor.THROTTLING, FaultInterceptor.THROTTLING_MESSAGE);

        assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("ThrottlingError", "None", "None");
        assertThat(cancelled.cancellationReasons().get(0).message()).startsWith("Throughput exceeds the current capacity");
        assertThat(cancelled.cancellationReasons().get(1).message()).isNull();
        assertThat(cancelled.awsErrorDetails().errorMessage()).isEqualTo(
                "Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError, None, None]");
        assertThat(cancelled.statusCode()).isEqualTo(400);
        // The transaction as a whole is cancelled, not throttled: the SDK does not retry it.
        assertThat(cancelled.isThrottlingException()).isFalse();
    }

    @Test
    void throughputExceeded_isAThrottlingException() {
        ProvisionedThroughputExceededException throttled = FaultInterceptor.throughputExceeded();

        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(throttled.awsErrorDetails().errorMessage()).startsWith("The level of configured provisioned throughput");
        assertThat(throttled.isThrottlingException()).isTrue();
    }

    @Test
    void beforeTransmission_transactionTouchingTheEventTable_isCancelledAndCounted() {
        Faults.set(1.0, QUEUE, EVENTS);
        long before = Faults.injected().get("hotItemConflict");

        assertThatThrownBy(() -> transmit(transaction(REQUESTS, EVENTS)))
                .isInstanceOfSatisfying(TransactionCanceledException.class, cancelled -> assertThat(
                        cancelled.cancellationReasons()).extracting(CancellationReason::code)
                        .containsExactly("None", "TransactionConflict"));
        assertThat(Faults.injected().get("hotItemConflict")).isEqualTo(before + 1);
    }

    @Test
    void beforeTransmission_onlyThrottleOn_cancelsTheTransactionWithThrottlingError() {
        Faults.set(1.0, QUEUE, EVENTS);
        System.setProperty(FaultInterceptor.HOT_ITEM_CONFLICT, "0");
        long before = Faults.injected().get("hotItemThrottle");

        assertThatThrownBy(() -> transmit(transaction(EVENTS, REQUESTS)))
                .isInstanceOfSatisfying(TransactionCanceledException.class, cancelled -> assertThat(
                        cancelled.cancellationReasons()).extracting(CancellationReason::code)
                        .containsExactly("ThrottlingError", "None"));
        assertThat(Faults.injected().get("hotItemThrottle")).isEqualTo(before + 1);
    }

    @Test
    void beforeTransmission_singleItemWriteOfTheEventTable_isThrottled() {
        Faults.set(1.0, QUEUE, EVENTS);

        assertThatThrownBy(() -> transmit(UpdateItemRequest.builder().tableName(EVENTS).build()))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThatThrownBy(() -> transmit(PutItemRequest.builder().tableName(EVENTS).build()))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
    }

    @Test
    void beforeTransmission_otherTables_areUntouched() {
        Faults.set(1.0, QUEUE, EVENTS);
        Map<String, Long> before = Faults.injected();

        transmit(transaction(REQUESTS, REQUESTS));
        transmit(UpdateItemRequest.builder().tableName(REQUESTS).build());
        transmit(PutItemRequest.builder().tableName(REQUESTS).build());

        assertThat(Faults.injected()).isEqualTo(before);
    }

    @Test
    void beforeExecution_aSendToTheWorkQueue_isLost_aSendElsewhereIsNot() {
        Faults.set(1.0, QUEUE, EVENTS);
        FaultInterceptor faults = new FaultInterceptor();

        assertThatThrownBy(() -> faults.beforeExecution(InterceptorContext.builder()
                .request(SendMessageRequest.builder().queueUrl(QUEUE).messageBody("m").build()).build(),
                new ExecutionAttributes()))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("SendMessage lost");
        faults.beforeExecution(InterceptorContext.builder()
                .request(SendMessageRequest.builder().queueUrl(QUEUE + "-dlq").messageBody("m").build()).build(),
                new ExecutionAttributes());
    }

    @Test
    void sdkClient_retriesTheThrottleAsItsRetryPolicySays_butNotTheCancelledTransaction() {
        Faults.set(1.0, QUEUE, EVENTS);
        System.setProperty(FaultInterceptor.DYNAMODB_THROTTLE, "0");
        try (DynamoDbClient dynamoDb = client(3)) {
            long throttles = Faults.injected().get("hotItemThrottle");
            assertThatThrownBy(() -> dynamoDb.updateItem(u -> u.tableName(EVENTS)
                    .key(Map.of("eventId", AttributeValue.fromS("e1"))).updateExpression("SET a = :a")
                    .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("x")))))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            assertThat(Faults.injected().get("hotItemThrottle") - throttles).as("attempts").isEqualTo(3);

            long conflicts = Faults.injected().get("hotItemConflict");
            assertThatThrownBy(() -> dynamoDb.transactWriteItems(transaction(REQUESTS, EVENTS)))
                    .isInstanceOf(TransactionCanceledException.class);
            assertThat(Faults.injected().get("hotItemConflict") - conflicts).as("attempts").isEqualTo(1);
        }
    }

    private static TransactWriteItemsRequest transaction(String... tables) {
        return TransactWriteItemsRequest.builder().transactItems(Arrays.stream(tables)
                .map(table -> TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(Map.of("id", AttributeValue.fromS("k"))).updateExpression("SET a = :a")
                        .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("x"))).build()).build())
                .toList()).build();
    }

    private static void transmit(SdkRequest request) {
        InterceptorContext context = InterceptorContext.builder().request(request)
                .httpRequest(SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:1")).build())
                .build();
        new FaultInterceptor().beforeTransmission(context, new ExecutionAttributes());
    }

    /** A client whose every attempt would fail to send: the faults come before any byte does. */
    private static DynamoDbClient client(int maxAttempts) {
        SdkHttpClient noNetwork = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                throw new AssertionError("the fault should have been thrown before sending");
            }

            @Override
            public void close() {
            }
        };
        return DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(noNetwork)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new FaultInterceptor())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(maxAttempts)
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                                .build()))
                .build();
    }
}
