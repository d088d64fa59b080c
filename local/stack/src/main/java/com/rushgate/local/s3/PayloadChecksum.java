package com.rushgate.local.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * S3's additional checksums: a client names one in {@code x-amz-checksum-<name>} (as a header, or
 * as a trailer of an aws-chunked body, announced by {@code x-amz-trailer}), its value the base64 of
 * the big-endian digest of the object's bytes.
 */
enum PayloadChecksum {
    CRC32("crc32"),
    CRC32C("crc32c"),
    CRC64NVME("crc64nvme"),
    SHA1("sha1"),
    SHA256("sha256");

    private static final String PREFIX = "x-amz-checksum-";

    private final String name;

    PayloadChecksum(String name) {
        this.name = name;
    }

    /** The header or trailer that carries it: {@code x-amz-checksum-crc32}... */
    String header() {
        return PREFIX + name;
    }

    /** The checksum a header or trailer name stands for, in any case. */
    static Optional<PayloadChecksum> ofHeader(String header) {
        String lower = header.trim().toLowerCase(Locale.ROOT);
        for (PayloadChecksum checksum : values()) {
            if (checksum.header().equals(lower)) {
                return Optional.of(checksum);
            }
        }
        return Optional.empty();
    }

    Digest start() {
        return switch (this) {
            case CRC32 -> new Crc(new CRC32(), 4);
            case CRC32C -> new Crc(new CRC32C(), 4);
            case CRC64NVME -> new Crc(new Crc64Nvme(), 8);
            case SHA1 -> new Message("SHA-1");
            case SHA256 -> new Message("SHA-256");
        };
    }

    /** A digest being computed over the bytes as they arrive. */
    interface Digest {
        void update(byte[] bytes, int offset, int length);

        /** The digest as S3 writes it: base64 of its big-endian bytes. */
        String base64();
    }

    private static final class Crc implements Digest {
        private final Checksum crc;
        private final int bytes;

        Crc(Checksum crc, int bytes) {
            this.crc = crc;
            this.bytes = bytes;
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            crc.update(data, offset, length);
        }

        @Override
        public String base64() {
            byte[] value = ByteBuffer.allocate(8).putLong(crc.getValue()).array();
            return Base64.getEncoder().encodeToString(Arrays.copyOfRange(value, 8 - bytes, 8));
        }
    }

    private static final class Message implements Digest {
        private final MessageDigest digest;

        Message(String algorithm) {
            try {
                this.digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform provides " + algorithm, e);
            }
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            digest.update(data, offset, length);
        }

        @Override
        public String base64() {
            return Base64.getEncoder().encodeToString(digest.digest());
        }
    }

    /**
     * CRC-64/NVME (the JDK has none): reflected polynomial 0x9a6c9329ac4bc9b5, initial value and
     * final xor all ones; its check value, over "123456789", is 0xae8b14860a799888.
     */
    static final class Crc64Nvme implements Checksum {
        private static final long POLYNOMIAL = 0x9a6c9329ac4bc9b5L;
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int bit = 0; bit < 8; bit++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
                }
                TABLE[i] = crc;
            }
        }

        private long crc = -1L;

        @Override
        public void update(int b) {
            crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            long value = crc;
            for (int i = offset; i < offset + length; i++) {
                value = TABLE[(int) ((value ^ bytes[i]) & 0xff)] ^ (value >>> 8);
            }
            crc = value;
        }

        @Override
        public long getValue() {
            return ~crc;
        }

        @Override
        public void reset() {
            crc = -1L;
        }
    }
}
