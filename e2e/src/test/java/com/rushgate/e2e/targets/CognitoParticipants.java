package com.rushgate.e2e.targets;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * Participants of a deployed stack's Cognito user pool. Each name is a test user
 * {@code rushgate-e2e-<name>@example.com}, created the first time a run needs it (no e-mail is sent)
 * and kept for later runs; each run sets a new random password on the users it signs in, and signs
 * in with {@code ADMIN_USER_PASSWORD_AUTH}, which needs IAM credentials allowed to call the
 * pool's admin API (the app client must allow that flow: template.yaml's UserPoolClient does).
 */
final class CognitoParticipants implements Participants {

    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;
    private final String clientId;
    private final URI jwks;
    private final String password = newPassword();
    private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
    private final Map<String, String> userIds = new ConcurrentHashMap<>();
    private volatile JWKSet keys;

    /**
     * @param jwks where the pool publishes its signing keys
     *             ({@code https://cognito-idp.<region>.amazonaws.com/<pool id>/.well-known/jwks.json})
     */
    CognitoParticipants(CognitoIdentityProviderClient cognito, String userPoolId, String clientId, URI jwks) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
        this.jwks = jwks;
    }

    /** The pool's user for a test participant's name. */
    static String username(String name) {
        if (!name.matches("[a-z0-9][a-z0-9.-]{0,40}")) {
            throw new IllegalArgumentException("not a test participant's name: " + name);
        }
        return "rushgate-e2e-" + name + "@example.com";
    }

    @Override
    public String token(String name) {
        String username = username(name);
        ready.computeIfAbsent(name, n -> prepare(username));
        AdminInitiateAuthResponse signedIn = cognito.adminInitiateAuth(r -> r
                .userPoolId(userPoolId)
                .clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
        if (signedIn.authenticationResult() == null || signedIn.authenticationResult().idToken() == null) {
            throw new IllegalStateException("signing in " + username + " asked for " + signedIn.challengeNameAsString()
                    + " instead of issuing tokens");
        }
        String token = signedIn.authenticationResult().idToken();
        userIds.putIfAbsent(name, subject(token));
        return token;
    }

    @Override
    public String userId(String name) {
        String userId = userIds.get(name);
        return userId != null ? userId : subject(token(name));
    }

    @Override
    public RSAKey publicKey(String keyId) {
        try {
            if (keys == null || keys.getKeyByKeyId(keyId) == null) {
                keys = JWKSet.load(jwks.toURL());
            }
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the user pool's keys at " + jwks, e);
        }
        JWK key = keys.getKeyByKeyId(keyId);
        if (!(key instanceof RSAKey rsa)) {
            throw new IllegalStateException("the user pool publishes no RSA key " + keyId + " at " + jwks);
        }
        return rsa;
    }

    /** Creates the user unless an earlier run did, and gives it this run's password, confirmed. */
    private Boolean prepare(String username) {
        try {
            cognito.adminCreateUser(r -> r
                    .userPoolId(userPoolId)
                    .username(username)
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(attribute("email", username), attribute("email_verified", "true")));
        } catch (UsernameExistsException fromAnEarlierRun) {
            // kept on purpose: the same names map to the same users run after run
        }
        cognito.adminSetUserPassword(r -> r.userPoolId(userPoolId).username(username).password(password).permanent(true));
        return Boolean.TRUE;
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static String subject(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            throw new IllegalStateException("the user pool issued a token that is not a JWT", e);
        }
    }

    /** Meets the pool's policy (12 characters or more, upper and lower case, a digit) with room to spare. */
    private static String newPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return "Rg7" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "x";
    }
}
