package com.rushgate.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The secret of a raffle's draw: 256 random bits, drawn when the raffle is created and kept where
 * participants cannot read it. Its {@link #commitment()} (SHA-256 of the 32 bytes, in lowercase
 * hex) is published before the raffle opens; the seed itself ({@link #hex()}) after the draw, so
 * anyone can check that the published seed is the committed one and recompute the winners.
 */
public final class DrawSeed {

    /** Seed length in bytes. */
    public static final int BYTES = 32;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private DrawSeed(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a draw seed has " + BYTES + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** A fresh seed from a cryptographically strong source. */
    public static DrawSeed random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new DrawSeed(bytes);
    }

    /**
     * The seed written as 64 hexadecimal digits (either case).
     *
     * @throws IllegalArgumentException when the text is not 64 hex digits
     */
    public static DrawSeed fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != BYTES * 2) {
            throw new IllegalArgumentException("a draw seed is " + BYTES * 2 + " hex digits, got " + hex.length());
        }
        return new DrawSeed(HEX.parseHex(hex));
    }

    /** The seed as 64 lowercase hex digits: what is published after the draw. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** SHA-256 of the seed's 32 bytes, in lowercase hex: what is published before the raffle opens. */
    public String commitment() {
        return HEX.formatHex(sha256().digest(bytes));
    }

    /** Whether this seed is the one {@code commitment} was made for (case-insensitive hex). */
    public boolean matches(String commitment) {
        return commitment != null && MessageDigest.isEqual(
                commitment().getBytes(StandardCharsets.US_ASCII),
                commitment.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DrawSeed seed && MessageDigest.isEqual(bytes, seed.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never the secret itself: a seed may end up in a log line by mistake. */
    @Override
    public String toString() {
        return "DrawSeed[commitment=" + commitment() + "]";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
