package com.rushgate.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code uk_} + the first 160 bits of HMAC-SHA256(secret, userId), in lowercase base32. */
public final class HmacUserKeys implements UserKeyDerivation {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_BYTES = 32;
    private static final int KEY_BYTES = 20;

    private final SecretKeySpec key;

    public HmacUserKeys(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the user key secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    @Override
    public String derive(String userId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
            return "uk_" + Base32.encodeLowercase(digest, KEY_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is available on every Java platform", e);
        }
    }
}
