package com.rushgate.core.config;

import com.rushgate.core.app.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A function's environment variables, read once at init. Every value the code needs comes from
 * template.yaml this way; a missing or malformed one stops the function with its name.
 *
 * <p>In Lambda this is the process environment. The local stack runs every function in one JVM,
 * each in its own class loader, and gives each loader its own map through {@link #install}: the
 * only difference a handler can see is the endpoint override the local stack adds.
 */
public final class Env {

    private static volatile Map<String, String> installed;

    private final Map<String, String> variables;

    public Env(Map<String, String> variables) {
        this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    }

    /** The environment of this function: the installed map if there is one, else the process's. */
    public static Env current() {
        Map<String, String> local = installed;
        return new Env(local != null ? local : System.getenv());
    }

    /**
     * Replaces the process environment for every function loaded by this class loader. Only the
     * local stack calls this, before it constructs a handler; Lambda never does.
     */
    public static void install(Map<String, String> variables) {
        installed = Map.copyOf(variables);
    }

    public String require(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("environment variable " + name + " is not set");
        }
        return value.trim();
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public int requireInt(String name, int min, int max) {
        String raw = require(name);
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("environment variable " + name + " must be a whole number, got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new ConfigurationException("environment variable " + name + " must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }

    public Duration requireSeconds(String name, int min, int max) {
        return Duration.ofSeconds(requireInt(name, min, max));
    }

    /** An absolute http(s) URL, for endpoint overrides and queue URLs. */
    public Optional<URI> optionalUri(String name) {
        return optional(name).map(raw -> toUri(name, raw));
    }

    public URI requireUri(String name) {
        return toUri(name, require(name));
    }

    /** A secret of at least {@code minBytes} bytes; base64 if it decodes cleanly, else its UTF-8 bytes. */
    public byte[] requireSecret(String name, int minBytes) {
        String raw = require(name);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(raw);
        } catch (IllegalArgumentException notBase64) {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length < minBytes) {
            throw new ConfigurationException("environment variable " + name + " must hold at least " + minBytes + " bytes");
        }
        return bytes;
    }

    private static URI toUri(String name, String raw) {
        try {
            URI uri = new URI(raw);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ConfigurationException("environment variable " + name + " must be an http(s) URL, got '" + raw + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException("environment variable " + name + " is not a URL: '" + raw + "'", e);
        }
    }
}
