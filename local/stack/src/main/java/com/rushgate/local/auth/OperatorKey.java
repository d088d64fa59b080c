package com.rushgate.local.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The local stack's operator credentials: an access key pair kept in the state directory, the
 * stand-in for an IAM user allowed by the operators' policy. The gateway verifies the SigV4
 * signatures of the admin routes against it; the command line and the console sign with it. It is
 * written once, readable by its owner only, and never leaves the machine.
 */
public record OperatorKey(String accessKeyId, String secretAccessKey) {

    public static final String KEY_FILE = "operator-key.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public OperatorKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Reads the key from {@code stateDir}, creating it the first time. */
    public static OperatorKey loadOrCreate(Path stateDir) {
        Path file = stateDir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(stateDir);
            OperatorKey created = random(new SecureRandom());
            Path temporary = Files.createTempFile(stateDir, "operator", ".json");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps the directory's permissions
            }
            Files.writeString(temporary, JSON.writeValueAsString(Map.of("accessKeyId", created.accessKeyId,
                    "secretAccessKey", created.secretAccessKey)), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temporary);
                if (!Files.exists(file)) {
                    throw raced;
                }
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local operator key in " + stateDir, e);
        }
    }

    /** The key in {@code stateDir}, if a stack has made one. */
    public static Optional<OperatorKey> find(Path stateDir) {
        Path file = stateDir.resolve(KEY_FILE);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** A new key, shaped like an IAM access key: 20 characters of id, 40 of secret. */
    static OperatorKey random(SecureRandom random) {
        StringBuilder id = new StringBuilder("AKIALOCAL");
        while (id.length() < 20) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        byte[] secret = new byte[30];
        random.nextBytes(secret);
        return new OperatorKey(id.toString(), Base64.getEncoder().encodeToString(secret));
    }

    private static OperatorKey read(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || !node.hasNonNull("accessKeyId") || !node.hasNonNull("secretAccessKey")) {
                throw new IllegalStateException("the local operator key " + file + " is unusable; delete it to make a new one");
            }
            return new OperatorKey(node.get("accessKeyId").asText(), node.get("secretAccessKey").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local operator key " + file, e);
        }
    }

    @Override
    public String toString() {
        return "OperatorKey[" + accessKeyId + "]";
    }
}
