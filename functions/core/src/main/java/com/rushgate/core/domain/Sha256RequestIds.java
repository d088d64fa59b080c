package com.rushgate.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code rq_} + the first 160 bits of SHA-256(eventId, NUL, userId), in lowercase base32.
 * The NUL separator cannot occur in an eventId, so ("a", "bc") and ("ab", "c") never collide.
 */
public final class Sha256RequestIds implements RequestIdDerivation {

    private static final int ID_BYTES = 20;

    @Override
    public RequestId derive(String eventId, String userId) {
        MessageDigest sha256 = sha256();
        sha256.update(eventId.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(userId.getBytes(StandardCharsets.UTF_8));
        byte[] digest = sha256.digest();
        return new RequestId("rq_" + Base32.encodeLowercase(digest, ID_BYTES));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
