package com.rushgate.e2e.targets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void choose_anApiWithoutTheProfile_isRefused_ratherThanTestingTheLocalStackInstead() {
        Properties properties = new Properties();
        properties.setProperty("rushgate.api", "https://abc123.execute-api.eu-west-1.amazonaws.com/prod");

        assertThatThrownBy(() -> Targets.choose(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without the e2e profile: add -Pe2e");
    }

    @Test
    void choose_theDeployedTargetWithoutItsProperties_failsBeforeAnyCall() {
        Properties properties = new Properties();
        properties.setProperty("rushgate.target", "deployed");

        assertThatThrownBy(() -> Targets.choose(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot run against a deployed stack: -Drushgate.api is missing");
    }

    @Test
    void choose_anUnknownTarget_isRefused() {
        Properties properties = new Properties();
        properties.setProperty("rushgate.target", "staging");

        assertThatThrownBy(() -> Targets.choose(properties)).hasMessageContaining("-Drushgate.target is staging");
    }
}
