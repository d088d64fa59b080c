package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.local.template.StackModel.StreamTrigger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTriggerReaderTest {

    @TempDir
    Path dir;

    private TemplateFixture fixture(String functions) {
        return TemplateFixture.of(dir, """
                Resources:
                  Things:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      StreamSpecification:
                        StreamViewType: NEW_AND_OLD_IMAGES
                """ + functions);
    }

    private List<StreamTrigger> read(String functions) {
        TemplateFixture fixture = fixture(functions);
        return StreamTriggerReader.read(fixture.template(), fixture.names(), fixture.events());
    }

    private String streamArn(String functions) {
        return String.valueOf(fixture(functions).names().getAtt("Things", "StreamArn"));
    }

    @Test
    void aBareDynamoDbEvent_getsLambdasDefaults() {
        String functions = """
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Changes:
                          Type: DynamoDB
                          Properties:
                            Stream: !GetAtt Things.StreamArn
                            StartingPosition: LATEST
                """;

        assertThat(read(functions)).containsExactly(new StreamTrigger("Fn", "Changes", streamArn(functions), "Things",
                "LATEST", 100, 0, 0, false, false, -1, true));
    }

    @Test
    void theTemplatesSettingsAreRead() {
        String functions = """
                  Counter:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Changes:
                          Type: DynamoDB
                          Properties:
                            Stream: !GetAtt Things.StreamArn
                            StartingPosition: TRIM_HORIZON
                            BatchSize: 1000
                            MaximumBatchingWindowInSeconds: 1
                            TumblingWindowInSeconds: 60
                            FunctionResponseTypes: [ReportBatchItemFailures]
                            BisectBatchOnFunctionError: true
                            MaximumRetryAttempts: 3
                            Enabled: false
                        Hourly:
                          Type: Schedule
                          Properties:
                            Schedule: rate(1 hour)
                """;

        assertThat(read(functions)).containsExactly(new StreamTrigger("Counter", "Changes", streamArn(functions), "Things",
                "TRIM_HORIZON", 1000, 1, 60, true, true, 3, false));
    }

    @Test
    void aStreamThatIsNoTablesOfTheTemplate_isRefused() {
        assertThatThrownBy(() -> read("""
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Elsewhere:
                          Type: DynamoDB
                          Properties:
                            Stream: arn:aws:dynamodb:eu-west-1:1:table/other/stream/2026
                            StartingPosition: LATEST
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a stream of the template");
    }
}
