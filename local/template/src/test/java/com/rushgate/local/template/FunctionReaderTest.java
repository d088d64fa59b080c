package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.rushgate.local.template.StackModel.FunctionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionReaderTest {

    @TempDir
    Path dir;

    private List<FunctionSpec> read(String yaml) {
        TemplateFixture fixture = TemplateFixture.of(dir, yaml);
        return FunctionReader.read(fixture.template(), fixture.names(),
                SqsTriggerReader.read(fixture.template(), fixture.names(), fixture.events()));
    }

    private static final String QUEUES = """
            Resources:
              Jobs:
                Type: AWS::SQS::Queue
              Retries:
                Type: AWS::SQS::Queue
            """;

    @Test
    void concurrency_isTheReservedConcurrency_evenWhenItsTriggersAskForMore() {
        List<FunctionSpec> functions = read(QUEUES + """
                  Reserved:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handle
                      CodeUri: a.jar
                      ReservedConcurrentExecutions: 3
                      Events:
                        Jobs:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Jobs.Arn
                            ScalingConfig:
                              MaximumConcurrency: 50
                """);

        assertThat(functions).singleElement().extracting(FunctionSpec::concurrency).isEqualTo(3);
    }

    @Test
    void concurrency_withoutReservedConcurrency_coversAllItsSqsTriggers_andIsAtLeastTheLocalDefault() {
        List<FunctionSpec> functions = read(QUEUES + """
                  Busy:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handle
                      CodeUri: a.jar
                      Events:
                        Jobs:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Jobs.Arn
                            ScalingConfig:
                              MaximumConcurrency: 10
                        Retries:
                          Type: SQS
                          Properties:
                            Queue: !Ref Retries
                            Enabled: false
                            ScalingConfig:
                              MaximumConcurrency: 12
                  Quiet:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.C::handle
                      CodeUri: a.jar
                """);

        assertThat(functions).extracting(FunctionSpec::logicalId, FunctionSpec::concurrency)
                .containsExactly(tuple("Busy", 22),
                        tuple("Quiet", StackModel.DEFAULT_LOCAL_CONCURRENCY));
    }

    @Test
    void globals_areMerged_lambdasDefaultsFillTheRest_andNoValueLeavesAVariableOut() {
        FunctionSpec function = read("""
                Globals:
                  Function:
                    Timeout: 20
                    Environment:
                      Variables:
                        SHARED: from-globals
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: fn-local
                      Handler: a.B::handle
                      CodeUri: build/../fn.jar
                      Environment:
                        Variables:
                          OWN: !Sub "${AWS::Region}-x"
                          GONE: !Ref AWS::NoValue
                """).get(0);

        assertThat(function.name()).isEqualTo("fn-local");
        assertThat(function.code()).isEqualTo(dir.resolve("fn.jar").toAbsolutePath().normalize());
        assertThat(function.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(function.memoryMb()).isEqualTo(128);
        assertThat(function.environment()).containsExactly(Map.entry("SHARED", "from-globals"),
                Map.entry("OWN", "us-east-1-x"));
    }

    @Test
    void aFunctionWithoutAHandler_isRefusedWithItsName() {
        assertThatThrownBy(() -> read("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: a.jar
                """)).hasMessage("function Fn has no Handler");
    }
}
