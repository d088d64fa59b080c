package com.rushgate.e2e.targets;

import com.nimbusds.jose.jwk.RSAKey;
import com.rushgate.local.auth.LocalIssuer;
import com.rushgate.local.it.SharedStack;
import com.rushgate.local.stack.LocalStack;
import java.net.URI;
import java.time.Duration;

/**
 * The local stack the suite starts itself (shared by every test class of the run, stopped when the
 * JVM exits): tokens from its local issuer, whose user ids are the names themselves, and its tables
 * in DynamoDB Local.
 */
final class LocalTarget implements Target {

    private final LocalStack stack;
    private final StackTables tables;
    private final Participants participants;

    LocalTarget(LocalStack stack) {
        this.stack = stack;
        this.tables = new StackTables(stack.clients().dynamoDb(), stack.model().functionVariable("REQUEST_TABLE"),
                stack.model().functionVariable("EVENT_TABLE"),
                Integer.parseInt(stack.model().functionVariable("ARRIVAL_SHARDS")));
        this.participants = new IssuerParticipants(stack.issuer().orElseThrow(
                () -> new IllegalStateException("the template's API has no Cognito authorizer: no local issuer")));
    }

    static LocalTarget shared() {
        return new LocalTarget(SharedStack.get());
    }

    @Override
    public URI api() {
        String endpoint = stack.apiEndpoint().orElseThrow(() -> new IllegalStateException("the local stack serves no API"))
                .toString();
        return URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    }

    @Override
    public Participants participants() {
        return participants;
    }

    @Override
    public StackTables tables() {
        return tables;
    }

    @Override
    public boolean managedRulesInFront() {
        return false;
    }

    @Override
    public String describe() {
        return "the local stack at " + api();
    }

    /** Participants signed in by the local issuer: a name is its own user id. */
    private record IssuerParticipants(LocalIssuer issuer) implements Participants {

        @Override
        public String token(String name) {
            return issuer.token(name, Duration.ofHours(1));
        }

        @Override
        public String userId(String name) {
            return name;
        }

        @Override
        public RSAKey publicKey(String keyId) {
            RSAKey key = issuer.publicKey();
            if (!key.getKeyID().equals(keyId)) {
                throw new IllegalArgumentException("the local issuer has key " + key.getKeyID() + ", not " + keyId);
            }
            return key;
        }
    }
}
