package com.rushgate.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.rushgate.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_UserPool";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static RSAKey key;
    private static RSAKey other;

    private final MutableClock clock = new MutableClock(NOW);
    private TokenVerifier verifier() {
        return new TokenVerifier(key.toPublicJWK(), ISSUER, List.of("client"), clock);
    }

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        other = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("alice").issuer(ISSUER).audience("client").claim("token_use", "id")
                .issueTime(Date.from(NOW)).notBeforeTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    private static String signed(JWTClaimsSet claims, RSAKey with) {
        return LocalIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims, with);
    }

    @Test
    void issuedToken_passesWithOrWithoutBearer() {
        String token = new LocalIssuer(key, ISSUER, List.of("client"), clock).token("alice", Duration.ofHours(1));

        Map<String, String> claims = verifier().verify("Bearer " + token);

        assertThat(claims).containsEntry("sub", "alice").containsEntry("token_use", "id").containsEntry("aud", "client");
        assertThat(verifier().verify(token)).containsEntry("sub", "alice");
    }

    @Test
    void everyBadTokenIsRefused() {
        TokenVerifier verifier = verifier();
        List<String> bad = List.of(
                "",
                "garbage",
                new PlainJWT(new PlainHeader(), claims().build()).serialize(),
                signed(claims().build(), other),
                signed(claims().issuer("https://elsewhere").build(), key),
                signed(claims().audience("someone-else").build(), key),
                signed(claims().claim("token_use", "access").build(), key),
                signed(claims().expirationTime(Date.from(NOW)).build(), key),
                signed(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build(), key),
                signed(claims().subject(null).build(), key));

        for (String token : bad) {
            assertThatThrownBy(() -> verifier.verify("Bearer " + token)).as(token)
                    .isInstanceOf(TokenVerifier.InvalidTokenException.class);
        }
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(TokenVerifier.InvalidTokenException.class);
    }

    @Test
    void expiry_followsTheClock() {
        String token = signed(claims().build(), key);
        clock.advance(Duration.ofMinutes(61));

        assertThatThrownBy(() -> verifier().verify(token)).hasMessageContaining("expired");
    }
}
