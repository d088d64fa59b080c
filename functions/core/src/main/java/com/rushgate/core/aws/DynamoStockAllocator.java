package com.rushgate.core.aws;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.StockAllocator;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.Transition;
import com.rushgate.core.domain.TransitionInputs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * FCFS stock as one TransactWriteItems: decrement the event's remaining (only if above zero) and
 * move the request PROCESSING to SUCCEEDED (only for the attempt the caller holds).
 */
public final class DynamoStockAllocator implements StockAllocator {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String eventTable;
    private final String requestTable;

    public DynamoStockAllocator(DynamoDbClient dynamoDb, String eventTable, String requestTable) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.eventTable = Objects.requireNonNull(eventTable, "eventTable");
        this.requestTable = Objects.requireNonNull(requestTable, "requestTable");
    }

    @Override
    public Allocation allocate(ParticipationRequest claimed, Instant now) {
        Update takeUnit = Update.builder()
                .tableName(eventTable)
                .key(Map.of(EventItem.EVENT_ID, AttributeValue.fromS(claimed.eventId())))
                .updateExpression("SET #remaining = #remaining - :one")
                .conditionExpression("#remaining > :zero")
                .expressionAttributeNames(Map.of("#remaining", EventItem.REMAINING))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":zero", AttributeValue.fromN("0")))
                .build();
        TransitionInputs byHolder = TransitionInputs.at(now).heldAs(claimed);
        Update succeed = TransitionWrite.of(Transition.SUCCEED, claimed.requestId(), byHolder)
                .toTransactUpdate(requestTable)
                .build();
        try {
            dynamoDb.transactWriteItems(tx -> tx.transactItems(
                    TransactWriteItem.builder().update(takeUnit).build(),
                    TransactWriteItem.builder().update(succeed).build()));
            return Allocation.ALLOCATED;
        } catch (TransactionCanceledException cancelled) {
            return outcomeOf(cancelled);
        } catch (SdkException e) {
            throw SdkFailures.translate("TransactWriteItems on " + eventTable + " and " + requestTable, e);
        }
    }

    private static Allocation outcomeOf(TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        if (reasons.size() == 2) {
            if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(1).code())) {
                return Allocation.SUPERSEDED;
            }
            if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(0).code())) {
                return Allocation.SOLD_OUT;
            }
        }
        // TransactionConflict, ThrottlingError, ProvisionedThroughputExceeded: nothing was written.
        throw new RetryableException("stock transaction cancelled: " + describe(reasons), cancelled);
    }

    private static String describe(List<CancellationReason> reasons) {
        return reasons.stream().map(CancellationReason::code).toList().toString();
    }
}
