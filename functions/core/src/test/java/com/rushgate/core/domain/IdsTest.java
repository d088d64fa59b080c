package com.rushgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdsTest {

    /** rq_ + base32 of the first 20 bytes of SHA-256("e" NUL "u"), computed independently (Python hashlib + base64). */
    private static final String EXPECTED_E_U = "rq_iolm3z77jw5w4lgzzb5sgfst2wh7y27b";

    private final Sha256RequestIds requestIds = new Sha256RequestIds();

    @Test
    void requestId_isStablePerEventAndUser() {
        RequestId a = requestIds.derive("drop-1", "alice");

        assertThat(requestIds.derive("drop-1", "alice")).isEqualTo(a);
        assertThat(requestIds.derive("drop-1", "bob")).isNotEqualTo(a);
        assertThat(requestIds.derive("drop-2", "alice")).isNotEqualTo(a);
        assertThat(RequestId.isWellFormed(a.value())).isTrue();
    }

    @Test
    void requestId_separatesTheTwoParts() {
        assertThat(requestIds.derive("ab", "c")).isNotEqualTo(requestIds.derive("a", "bc"));
    }

    @Test
    void requestId_matchesAKnownVector() {
        assertThat(requestIds.derive("e", "u").value()).isEqualTo(EXPECTED_E_U);
        assertThat(Base32.encodeLowercase("Hello".getBytes(StandardCharsets.US_ASCII), 5)).isEqualTo("jbswy3dp");
    }

    @Test
    void requestId_refusesOtherShapes() {
        assertThatThrownBy(() -> new RequestId("rq_../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestId.isWellFormed("rq_" + "A".repeat(32))).isFalse();
        assertThat(RequestId.isWellFormed(null)).isFalse();
    }

    @Test
    void userKey_dependsOnTheSecretAndHidesTheUser() {
        HmacUserKeys one = new HmacUserKeys("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        HmacUserKeys two = new HmacUserKeys("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));

        assertThat(one.derive("alice")).isEqualTo(one.derive("alice")).startsWith("uk_").doesNotContain("alice");
        assertThat(one.derive("alice")).isNotEqualTo(two.derive("alice"));
        assertThatThrownBy(() -> new HmacUserKeys(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
