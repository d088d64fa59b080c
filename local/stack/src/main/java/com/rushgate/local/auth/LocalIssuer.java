package com.rushgate.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The local stand-in for the Cognito user pool: an RS256 key pair kept in the state directory
 * (so tokens stay valid across restarts) and ID tokens shaped like Cognito's.
 */
public final class LocalIssuer {

    public static final String KEY_FILE = "issuer-key.json";

    private final RSAKey key;
    private final String issuer;
    private final List<String> audiences;
    private final Clock clock;

    public LocalIssuer(RSAKey key, String issuer, List<String> audiences, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audiences = List.copyOf(audiences);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.audiences.isEmpty()) {
            throw new IllegalArgumentException("the user pool has no app client: nothing to put in aud");
        }
    }

    /** Reads the key from {@code stateDir}, creating it the first time. */
    public static RSAKey loadOrCreateKey(Path stateDir) {
        Path file = stateDir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            Files.createDirectories(stateDir);
            RSAKey created = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            Path temporary = Files.createTempFile(stateDir, "issuer", ".json");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps the directory's permissions
            }
            Files.writeString(temporary, created.toJSONString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local issuer key in " + stateDir, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the local issuer key in " + file + " is unusable; delete it to make a new one", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public List<String> audiences() {
        return audiences;
    }

    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    /** A Cognito-style ID token for {@code userId}, valid for {@code ttl}. */
    public String token(String userId, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer(issuer)
                .audience(audiences.get(0))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:username", userId)
                .build();
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims, key);
    }

    /** Signs anything, for tests that need tokens the verifier must refuse. */
    public static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
