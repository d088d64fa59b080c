package com.rushgate.e2e.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class DeployedConfigTest {

    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    @Test
    void from_withApiStackAndRegion_readsThem_andDropsTheApisTrailingSlash() {
        DeployedConfig config = DeployedConfig.from(properties(Map.of(
                "rushgate.api", "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/",
                "rushgate.stack", "rushgate-staging",
                "rushgate.region", "eu-west-1")));

        assertThat(config.api()).isEqualTo(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
        assertThat(config.stack()).isEqualTo("rushgate-staging");
        assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(config.endpoint()).isEmpty();
    }

    @Test
    void from_withNothing_namesEveryMissingProperty_andTheCommand() {
        assertThatThrownBy(() -> DeployedConfig.from(new Properties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Drushgate.api is missing")
                .hasMessageContaining("-Drushgate.stack is missing")
                .hasMessageContaining("-Drushgate.region is missing")
                .hasMessageContaining("mvn -pl e2e verify -Pe2e");
    }

    @Test
    void from_withMavensUnresolvedPlaceholders_treatsThemAsMissing() {
        assertThatThrownBy(() -> DeployedConfig.from(properties(Map.of(
                "rushgate.api", "${rushgate.api}", "rushgate.stack", "s", "rushgate.region", "eu-west-1",
                "rushgate.awsEndpoint", "${rushgate.awsEndpoint}"))))
                .hasMessageContaining("-Drushgate.api is missing")
                .hasMessageNotContaining("rushgate.awsEndpoint");
    }

    @Test
    void from_withAMalformedApiOrRegion_saysWhichAndWhy() {
        assertThatThrownBy(() -> DeployedConfig.from(properties(Map.of(
                "rushgate.api", "abc123.execute-api.eu-west-1.amazonaws.com",
                "rushgate.stack", "s",
                "rushgate.region", "Ireland"))))
                .hasMessageContaining("rushgate.api is not an http(s) base URL")
                .hasMessageContaining("rushgate.region is not a region name: Ireland");
    }

    @Test
    void from_withAnEndpoint_sendsEveryAwsCallThere() {
        DeployedConfig config = DeployedConfig.from(properties(Map.of(
                "rushgate.api", "http://127.0.0.1:3000", "rushgate.stack", "s", "rushgate.region", "us-east-1",
                "rushgate.awsEndpoint", "http://127.0.0.1:5000")));

        assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:5000"));
    }
}
