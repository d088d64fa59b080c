package com.rushgate.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    private final Env env = new Env(Map.of(
            "TABLE", "requests", "BLANK", " ", "COUNT", "5", "BAD_COUNT", "five",
            "URL", "http://127.0.0.1:4566", "NOT_URL", "file:///etc/passwd", "SECRET", "c2hvcnQ="));

    @Test
    void require_namesTheMissingVariable() {
        assertThat(env.require("TABLE")).isEqualTo("requests");
        assertThatThrownBy(() -> env.require("MISSING")).isInstanceOf(ConfigurationException.class).hasMessageContaining("MISSING");
        assertThatThrownBy(() -> env.require("BLANK")).hasMessageContaining("BLANK");
    }

    @Test
    void numbers_areCheckedForFormAndRange() {
        assertThat(env.requireInt("COUNT", 1, 10)).isEqualTo(5);
        assertThat(env.requireSeconds("COUNT", 1, 10)).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> env.requireInt("BAD_COUNT", 1, 10)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> env.requireInt("COUNT", 6, 10)).hasMessageContaining("between 6 and 10");
    }

    @Test
    void urls_mustBeHttp() {
        assertThat(env.optionalUri("URL")).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(4566));
        assertThat(env.optionalUri("MISSING")).isEmpty();
        assertThatThrownBy(() -> env.requireUri("NOT_URL")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void secrets_mustBeLongEnough() {
        assertThatThrownBy(() -> env.requireSecret("SECRET", 32)).hasMessageContaining("at least 32 bytes");
    }
}
