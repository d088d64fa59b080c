package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.template.StackModel.ApiRoute;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteReaderTest {

    private static final String API = """
            Resources:
              Pool:
                Type: AWS::Cognito::UserPool
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  Auth:
                    DefaultAuthorizer: Cognito
                    Authorizers:
                      Cognito:
                        UserPoolArn: !GetAtt Pool.Arn
                  Models:
                    Order:
                      type: object
                      required: [sku]
            """;

    @TempDir
    Path dir;

    private List<ApiRoute> read(String yaml, String apiId) {
        TemplateFixture fixture = TemplateFixture.of(dir, yaml);
        return RouteReader.read(fixture.template(), fixture.names(), apiId,
                apiId == null ? null : ApiReader.read(fixture.template(), fixture.names(), apiId), fixture.events());
    }

    @Test
    void routes_areGuardedByTheDefaultAuthorizer_unlessTheEventSaysNoneOrAwsIam() {
        List<ApiRoute> routes = read(API + """
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Order:
                          Type: Api
                          Properties:
                            RestApiId: !Ref Api
                            Path: /orders
                            Method: post
                            RequestModel:
                              Model: Order
                              Required: true
                        Health:
                          Type: Api
                          Properties:
                            RestApiId: !Ref Api
                            Path: /health
                            Method: get
                            Auth:
                              Authorizer: NONE
                        Loose:
                          Type: Api
                          Properties:
                            RestApiId: !Ref Api
                            Path: /loose
                            Method: put
                            RequestModel:
                              Model: Order
                              ValidateBody: false
                        Admin:
                          Type: Api
                          Properties:
                            RestApiId: !Ref Api
                            Path: /admin/orders
                            Method: get
                            Auth:
                              Authorizer: AWS_IAM
                """, "Api");

        assertThat(routes).extracting(r -> r.method() + " " + r.pathTemplate() + " " + r.auth())
                .containsExactly("POST /orders COGNITO", "GET /health NONE", "PUT /loose COGNITO", "GET /admin/orders AWS_IAM");
        assertThat(routes.get(0).bodyModel()).satisfies(model -> {
            assertThat(model.name()).isEqualTo("Order");
            assertThat(model.required()).isTrue();
            assertThat(model.schema()).containsEntry("type", "object");
        });
        assertThat(routes.get(1).bodyModel()).isNull();
        assertThat(routes.get(2).bodyModel()).isNull();
    }

    @Test
    void withoutAnApi_routesAreOpen() {
        List<ApiRoute> routes = read("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Get:
                          Type: Api
                          Properties:
                            Path: /things
                            Method: get
                """, null);

        assertThat(routes).containsExactly(new ApiRoute("Fn", "GET", "/things", false));
    }

    @Test
    void withoutAnAuthorizer_anAwsIamRouteStaysSigned() {
        List<ApiRoute> routes = read("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Get:
                          Type: Api
                          Properties:
                            Path: /admin
                            Method: get
                            Auth:
                              Authorizer: AWS_IAM
                """, null);

        assertThat(routes).singleElement().extracting(ApiRoute::auth).isEqualTo(StackModel.RouteAuth.AWS_IAM);
    }

    @Test
    void aRequestModelTheApiDoesNotDeclare_isRefused_namingTheModelsItHas() {
        assertThatThrownBy(() -> read(API + """
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Order:
                          Type: Api
                          Properties:
                            Path: /orders
                            Method: post
                            RequestModel:
                              Model: Missing
                """, "Api")).hasMessage("function Fn uses RequestModel Missing but the API's Models has [Order]");
    }
}
