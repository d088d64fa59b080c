package com.rushgate.e2e.targets;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * The target's participants, each known to the suite by a short name ({@code alice}, {@code user-7})
 * and to the API by the subject of their ID token. Any number of distinct names may be asked for.
 */
public interface Participants {

    /**
     * A valid ID token for {@code name}, to send as {@code Authorization: Bearer <token>}: a new
     * one on every call, as a fresh sign-in gives, so the web ACL's per-token rule counts each
     * call on its own.
     */
    String token(String name);

    /** The user id the API knows {@code name} by: the {@code sub} of their tokens. */
    String userId(String name);

    /** The issuer's published signing key with this key id, for tokens the authorizer must refuse. */
    RSAKey publicKey(String keyId);
}
