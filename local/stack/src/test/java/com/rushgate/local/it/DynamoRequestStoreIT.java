package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.port.RequestStore;
import com.rushgate.core.app.port.RequestStore.ClaimResult;
import com.rushgate.core.aws.DynamoRequestStore;
import com.rushgate.core.contract.RequestStoreContract;
import com.rushgate.core.domain.ParticipationRequest;
import com.rushgate.core.testing.Requests;
import org.junit.jupiter.api.Test;

/** The RequestStore contract against the RequestTable in DynamoDB Local, created from template.yaml. */
class DynamoRequestStoreIT extends RequestStoreContract {

    @Override
    protected RequestStore createStore() {
        var stack = SharedStack.get();
        return Tables.requestStore(stack);
    }

    @Test
    void claim_repeatedWithItsOwnToken_asAnSdkRetryAfterALostResponse_isStillClaimed() {
        var stack = SharedStack.get();
        // The same call sent twice: the second finds the lease it wrote itself.
        DynamoRequestStore store = new DynamoRequestStore(stack.clients().dynamoDb(), Tables.requestTable(stack),
                Tables.arrivalShards(stack), () -> "token-of-this-call");
        ParticipationRequest request = Requests.received(Requests.uniqueEventId(), "alice", T0);
        store.insertIfAbsent(request);

        ClaimResult first = store.claim(request.requestId(), T0, T0.plusSeconds(30));
        ClaimResult retried = store.claim(request.requestId(), T0.plusMillis(5), T0.plusSeconds(30));

        assertThat(first).isInstanceOf(ClaimResult.Claimed.class);
        assertThat(retried).as("held by me, not elsewhere").isInstanceOfSatisfying(ClaimResult.Claimed.class,
                claimed -> assertThat(claimed.request().attempts()).isEqualTo(1));
        DynamoRequestStore another = new DynamoRequestStore(stack.clients().dynamoDb(), Tables.requestTable(stack),
                Tables.arrivalShards(stack), () -> "another-call");
        assertThat(another.claim(request.requestId(), T0.plusMillis(6), T0.plusSeconds(30)))
                .isInstanceOf(ClaimResult.NotClaimable.class);
    }
}
