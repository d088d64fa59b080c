package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.template.StackModel.ApiSpec;
import com.rushgate.local.template.StackModel.GatewayResponseSpec;
import com.rushgate.local.template.StackModel.MethodThrottle;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiReaderTest {

    private static final String POOLS = """
            Resources:
              Pool:
                Type: AWS::Cognito::UserPool
              Client:
                Type: AWS::Cognito::UserPoolClient
                Properties:
                  UserPoolId: !Ref Pool
              OtherPool:
                Type: AWS::Cognito::UserPool
              OtherClient:
                Type: AWS::Cognito::UserPoolClient
                Properties:
                  UserPoolId: !Ref OtherPool
            """;

    @TempDir
    Path dir;

    private ApiSpec read(String yaml) {
        TemplateFixture fixture = TemplateFixture.of(dir, yaml);
        return ApiReader.read(fixture.template(), fixture.names(), "Api");
    }

    @Test
    void methodSettings_giveTheStageThrottle_andEachMethodsOwn() {
        ApiSpec api = read("""
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      MethodSettings:
                        - ResourcePath: "/*"
                          HttpMethod: "*"
                          ThrottlingRateLimit: 100
                          ThrottlingBurstLimit: 200
                        - ResourcePath: "/~1events~1{eventId}"
                          HttpMethod: post
                          ThrottlingRateLimit: 5
                          ThrottlingBurstLimit: 10
                        - ResourcePath: "/~1other"
                          HttpMethod: GET
                          MetricsEnabled: true
                """);

        assertThat(api.stageName()).isEqualTo("Prod");
        assertThat(api.throttleRate()).isEqualTo(100);
        assertThat(api.throttleBurst()).isEqualTo(200);
        assertThat(api.methodThrottles()).containsExactly(new MethodThrottle("/events/{eventId}", "POST", 5, 10));
        assertThat(api.methodThrottle("/events/{eventId}", "post")).isEqualTo(api.methodThrottles().get(0));
        assertThat(api.issuer()).isNull();
        assertThat(api.audiences()).isEmpty();
    }

    @Test
    void theAuthorizersPool_givesTheIssuer_andItsOwnClientsAreTheAudiences() {
        ApiSpec api = read(POOLS + """
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: live
                      Auth:
                        DefaultAuthorizer: Cognito
                        Authorizers:
                          Cognito:
                            UserPoolArn: !GetAtt Pool.Arn
                """);

        assertThat(api.stageName()).isEqualTo("live");
        assertThat(api.issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool");
        assertThat(api.audiences()).containsExactly("Client");
    }

    @Test
    void anAuthorizerWhosePoolCannotBeTold_isRefused() {
        assertThatThrownBy(() -> read(POOLS + """
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      Auth:
                        DefaultAuthorizer: Cognito
                        Authorizers:
                          Cognito:
                            UserPoolArn: arn:aws:cognito-idp:us-east-1:111111111111:userpool/elsewhere
                """)).hasMessageContaining("cannot tell which user pool");
    }

    @Test
    void gatewayResponses_keepStaticHeaders_andLeaveMappedOnesOut() {
        ApiSpec api = read("""
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      GatewayResponses:
                        THROTTLED:
                          StatusCode: 429
                          ResponseParameters:
                            Headers:
                              Retry-After: "'1'"
                              X-Request: method.request.header.x-request
                          ResponseTemplates:
                            application/json: '{"error": "slow down"}'
                        DEFAULT_5XX:
                          ResponseParameters:
                            Headers:
                              Access-Control-Allow-Origin: "'*'"
                """);

        assertThat(api.gatewayResponses()).containsOnly(
                Map.entry("THROTTLED", new GatewayResponseSpec(429, Map.of("Retry-After", "1"), "{\"error\": \"slow down\"}")),
                Map.entry("DEFAULT_5XX", new GatewayResponseSpec(null, Map.of("Access-Control-Allow-Origin", "*"), null)));
    }
}
