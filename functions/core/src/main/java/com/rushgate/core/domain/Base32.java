package com.rushgate.core.domain;

/** RFC 4648 base32 without padding, lowercase, for ids that are safe in URLs and file names. */
final class Base32 {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Base32() {
    }

    /** Encodes the first {@code length} bytes; {@code length} must be a multiple of 5. */
    static String encodeLowercase(byte[] bytes, int length) {
        if (length % 5 != 0 || length > bytes.length) {
            throw new IllegalArgumentException("length must be a multiple of 5 and at most " + bytes.length);
        }
        StringBuilder out = new StringBuilder(length * 8 / 5);
        for (int i = 0; i < length; i += 5) {
            long block = 0;
            for (int j = 0; j < 5; j++) {
                block = (block << 8) | (bytes[i + j] & 0xFF);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                out.append(ALPHABET[(int) ((block >>> shift) & 0x1F)]);
            }
        }
        return out.toString();
    }
}
