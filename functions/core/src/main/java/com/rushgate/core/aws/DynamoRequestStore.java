package com.rushgate.core.aws;

import static com.rushgate.core.domain.TransitionInputs.at;

import com.rushgate.core.app.EntryDecision;
import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.domain.FailureReason;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.domain.RejectReason;
import com.rushgate.core.domain.RequestId;
import com.rushgate.core.domain.RequestStatus;
import com.rushgate.core.domain.Transition;
import com.rushgate.core.domain.TransitionInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** {@link RequestStore} on the RequestTable. One conditional write per call; no scans. */
public final class DynamoRequestStore implements RequestStore {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final int arrivalShards;
    private final Supplier<String> claimTokens;
    private final Optional<Duration> insertTimeout;

    /**
     * @param arrivalShards partitions of the arrival index per event (ARRIVAL_SHARDS); every writer
     *                      of an event's requests must use the same number
     */
    public DynamoRequestStore(DynamoDbClient dynamoDb, String tableName, int arrivalShards) {
        this(dynamoDb, tableName, arrivalShards, () -> UUID.randomUUID().toString());
    }

    /** @param claimTokens a fresh token per claim call; tests give their own */
    public DynamoRequestStore(DynamoDbClient dynamoDb, String tableName, int arrivalShards,
                              Supplier<String> claimTokens) {
        this(dynamoDb, tableName, arrivalShards, claimTokens, Optional.empty());
    }

    private DynamoRequestStore(DynamoDbClient dynamoDb, String tableName, int arrivalShards,
                               Supplier<String> claimTokens, Optional<Duration> insertTimeout) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.claimTokens = Objects.requireNonNull(claimTokens, "claimTokens");
        this.insertTimeout = Objects.requireNonNull(insertTimeout, "insertTimeout");
        if (arrivalShards < 1 || arrivalShards > 100) {
            throw new IllegalArgumentException("arrivalShards must be between 1 and 100, got " + arrivalShards);
        }
        this.arrivalShards = arrivalShards;
    }

    /**
     * The same store, with {@link #insertIfAbsent} bounded by {@code timeout} (retries included)
     * instead of the client's call timeout. Ingest bounds it so that a request accepted at t is
     * either written by t + timeout or refused: the FCFS settle window counts on it.
     */
    public DynamoRequestStore withInsertTimeout(Duration timeout) {
        return new DynamoRequestStore(dynamoDb, tableName, arrivalShards, claimTokens, Optional.of(timeout));
    }

    @Override
    public Optional<ParticipationRequest> insertIfAbsent(ParticipationRequest request) {
        PutItemRequest put = PutItemRequest.builder()
                .tableName(tableName)
                .item(RequestItem.toItem(request, arrivalShards))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", RequestItem.REQUEST_ID))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .overrideConfiguration(o -> insertTimeout.ifPresent(o::apiCallTimeout))
                .build();
        try {
            dynamoDb.putItem(put);
            return Optional.empty();
        } catch (ConditionalCheckFailedException exists) {
            return Optional.of(RequestItem.fromItem(exists.item()));
        } catch (SdkException e) {
            throw SdkFailures.translate("PutItem on " + tableName, e);
        }
    }

    @Override
    public Optional<ParticipationRequest> find(RequestId requestId) {
        try {
            GetItemResponse response = dynamoDb.getItem(get -> get
                    .tableName(tableName)
                    .key(RequestItem.key(requestId))
                    .consistentRead(true));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(RequestItem.fromItem(response.item()))
                    : Optional.empty();
        } catch (SdkException e) {
            throw SdkFailures.translate("GetItem on " + tableName, e);
        }
    }

    @Override
    public Optional<ParticipationRequest> hold(RequestId requestId, Instant now, Instant until) {
        TransitionWrite write = TransitionWrite.of(Transition.HOLD, requestId, at(now).withLeaseUntil(until));
        try {
            UpdateItemResponse response = dynamoDb.updateItem(write.toUpdate(tableName)
                    .returnValues(ReturnValue.ALL_NEW)
                    .build());
            return Optional.of(RequestItem.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException refused) {
            return Optional.empty();
        } catch (SdkException e) {
            throw SdkFailures.translate("UpdateItem (" + Transition.HOLD + ") on " + tableName, e);
        }
    }

    @Override
    public boolean unhold(ParticipationRequest held, Instant now) {
        return apply(TransitionWrite.of(Transition.UNHOLD, held.requestId(), at(now).seenAt(held.version())));
    }

    @Override
    public boolean markQueued(RequestId requestId, Instant now) {
        return apply(TransitionWrite.of(Transition.ENQUEUE, requestId, at(now)));
    }

    /**
     * The claim records a token of its own as the lease holder. When its response is lost, the SDK
     * sends the same request again, which finds the lease live: the token says it is this call's
     * own, so it is claimed, not "held elsewhere".
     */
    @Override
    public ClaimResult claim(RequestId requestId, Instant now, Instant leaseUntil) {
        String token = claimTokens.get();
        TransitionWrite write = TransitionWrite.of(Transition.CLAIM, requestId,
                at(now).withLeaseUntil(leaseUntil).withClaimToken(token));
        try {
            UpdateItemResponse response = dynamoDb.updateItem(write.toUpdate(tableName)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new ClaimResult.Claimed(RequestItem.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException refused) {
            if (!refused.hasItem() || refused.item().isEmpty()) {
                return new ClaimResult.Missing();
            }
            ParticipationRequest current = RequestItem.fromItem(refused.item());
            AttributeValue holder = refused.item().get(RequestItem.LEASE_HOLDER);
            boolean mine = holder != null && token.equals(holder.s()) && current.status() == RequestStatus.PROCESSING;
            return mine ? new ClaimResult.Claimed(current) : new ClaimResult.NotClaimable(current);
        } catch (SdkException e) {
            throw SdkFailures.translate("UpdateItem (claim) on " + tableName, e);
        }
    }

    @Override
    public boolean release(ParticipationRequest claimed, Instant now) {
        return apply(TransitionWrite.of(Transition.RELEASE, claimed.requestId(), at(now).heldAs(claimed)));
    }

    @Override
    public boolean succeed(ParticipationRequest claimed, Instant now) {
        return apply(TransitionWrite.of(Transition.SUCCEED, claimed.requestId(), at(now).heldAs(claimed)));
    }

    @Override
    public boolean enter(ParticipationRequest claimed, Instant drawAt, Instant now) {
        return apply(TransitionWrite.of(Transition.ENTER, claimed.requestId(), at(now).heldAs(claimed).withDrawTime(drawAt)));
    }

    @Override
    public boolean decideEntry(EntryDecision decision, Instant drawnAt, Instant now) {
        EntryDecision.Verdict verdict = decision.verdict();
        TransitionInputs inputs = at(now).withAcceptedAt(decision.acceptedAt()).withDrawTime(drawnAt);
        if (verdict.reason() != null) {
            inputs = inputs.withReason(verdict.reason().name());
        }
        return apply(TransitionWrite.of(verdict.transition(), decision.requestId(), inputs));
    }

    @Override
    public boolean reject(ParticipationRequest claimed, RejectReason reason, Instant now) {
        return apply(TransitionWrite.of(Transition.REJECT, claimed.requestId(),
                at(now).heldAs(claimed).withReason(reason.name())));
    }

    @Override
    public boolean fail(ParticipationRequest claimed, FailureReason reason, Instant now) {
        return apply(TransitionWrite.of(Transition.FAIL, claimed.requestId(),
                at(now).heldAs(claimed).withReason(reason.name())));
    }

    @Override
    public boolean giveUp(RequestId requestId, FailureReason reason, Instant now) {
        return apply(TransitionWrite.of(Transition.GIVE_UP, requestId, at(now).withReason(reason.name())));
    }

    @Override
    public boolean redrive(RequestId requestId, String reason, Instant now) {
        return apply(TransitionWrite.of(Transition.REDRIVE, requestId, at(now).withRedriveReason(reason)));
    }

    @Override
    public boolean requeue(InflightRequest seen, Instant now) {
        return apply(TransitionWrite.of(Transition.REQUEUE, seen.requestId(), at(now).seenAt(seen.version())));
    }

    /** Performs the write; false when its condition did not hold. */
    private boolean apply(TransitionWrite write) {
        try {
            dynamoDb.updateItem(write.toUpdate(tableName)
                    .returnValues(ReturnValue.NONE)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        } catch (SdkException e) {
            throw SdkFailures.translate("UpdateItem (" + write.transition() + ") on " + tableName, e);
        }
    }
}
