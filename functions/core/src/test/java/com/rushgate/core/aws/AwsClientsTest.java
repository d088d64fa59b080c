package com.rushgate.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AwsClientsTest {

    @Test
    void httpClient_isTheOneTheEnvironmentNames() {
        assertThat(AwsClients.httpClient("apache").clientName()).isEqualTo("Apache");
        assertThat(AwsClients.httpClient("url-connection").clientName()).isEqualTo("UrlConnection");
        assertThat(AwsClients.httpClient("crt").clientName()).isEqualTo("AwsCommonRuntime");
        assertThatThrownBy(() -> AwsClients.httpClient("netty"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SDK_HTTP_CLIENT");
    }

    @Test
    void endpointOverride_isAppliedOnlyWhenGiven() {
        Env local = new Env(Map.of("AWS_REGION", "eu-west-1", "SDK_HTTP_CLIENT", "url-connection",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"));
        Env cloud = new Env(Map.of("AWS_REGION", "eu-west-1", "SDK_HTTP_CLIENT", "url-connection"));

        try (DynamoDbClient overridden = new AwsClients(local).dynamoDb(); DynamoDbClient regional = new AwsClients(cloud).dynamoDb()) {
            assertThat(overridden.serviceClientConfiguration().endpointOverride()).hasValueSatisfying(
                    uri -> assertThat(uri.getPort()).isEqualTo(8000));
            assertThat(regional.serviceClientConfiguration().endpointOverride()).isEmpty();
            assertThat(regional.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
        }
    }

    @Test
    void missingRegion_stopsTheFunctionWithItsName() {
        assertThatThrownBy(() -> new AwsClients(new Env(Map.of("SDK_HTTP_CLIENT", "apache"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AWS_REGION");
    }
}
