package com.rushgate.local.stack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Values for the template's AWS::SecretsManager::Secret resources, generated like
 * GenerateSecretString would (64 letters and digits), and kept in secrets.json in the data
 * directory (or the state directory of an in-memory stack), so that data written with them, and
 * commands run beside the stack, agree with it.
 */
final class LocalSecrets {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> values = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    LocalSecrets(Path directory) {
        this.file = directory.resolve("secrets.json");
        if (Files.exists(file)) {
            try {
                values.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    synchronized String value(String logicalId) {
        String existing = values.get(logicalId);
        if (existing != null) {
            return existing;
        }
        StringBuilder secret = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        values.put(logicalId, secret.toString());
        save();
        return secret.toString();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
