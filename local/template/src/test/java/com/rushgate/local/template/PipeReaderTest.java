package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.StackModel.PipeSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipeReaderTest {

    private static final String RESOURCES = """
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
              Jobs:
                Type: AWS::SQS::Queue
              PipeFailures:
                Type: AWS::SQS::Queue
              Delivery:
                Type: AWS::KinesisFirehose::DeliveryStream
                Properties:
                  ExtendedS3DestinationConfiguration:
                    BucketARN: arn:aws:s3:::lake
            """;

    @TempDir
    Path dir;

    private List<PipeSpec> read(String pipes) {
        TemplateFixture fixture = TemplateFixture.of(dir, RESOURCES + pipes);
        return PipeReader.read(fixture.template(), fixture.names(),
                DeliveryStreamReader.read(fixture.template(), fixture.names()));
    }

    @Test
    void aStreamToDeliveryPipe_getsThePipesDefaults() {
        assertThat(read("""
                  Bare:
                    Type: AWS::Pipes::Pipe
                    Properties:
                      Source: !GetAtt Orders.StreamArn
                      Target: !GetAtt Delivery.Arn
                """)).singleElement().satisfies(pipe -> {
            assertThat(pipe.name()).isEqualTo("Bare");
            assertThat(pipe.arn()).isEqualTo("arn:aws:pipes:us-east-1:000000000000:pipe/Bare");
            assertThat(pipe.tableLogicalId()).isEqualTo("Orders");
            assertThat(pipe.deliveryStreamId()).isEqualTo("Delivery");
            assertThat(pipe.targetArn()).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/Delivery");
            assertThat(pipe.startingPosition()).isEqualTo("TRIM_HORIZON");
            assertThat(pipe.batchSize()).isEqualTo(100);
            assertThat(pipe.batchingWindowSeconds()).isZero();
            assertThat(pipe.filterPatterns()).isEmpty();
            assertThat(pipe.inputTemplate()).isNull();
            assertThat(pipe.deadLetterQueueId()).isNull();
            assertThat(pipe.running()).isTrue();
        });
    }

    @Test
    void theSourcesSettings_theFiltersAndTheDeadLetterQueue_areRead_andStoppedMeansNotRunning() {
        assertThat(read("""
                  Tuned:
                    Type: AWS::Pipes::Pipe
                    Properties:
                      Name: tuned-pipe
                      DesiredState: STOPPED
                      Source: !GetAtt Orders.StreamArn
                      SourceParameters:
                        DynamoDBStreamParameters:
                          StartingPosition: LATEST
                          BatchSize: 10
                          MaximumBatchingWindowInSeconds: 3
                          DeadLetterConfig:
                            Arn: !GetAtt PipeFailures.Arn
                        FilterCriteria:
                          Filters:
                            - Pattern: '{"eventName": ["INSERT"]}'
                            - Pattern: '{"eventName": ["MODIFY"]}'
                      Target: !GetAtt Delivery.Arn
                      TargetParameters:
                        InputTemplate: '{"id": <$.dynamodb.Keys.id.S>}'
                """)).singleElement().satisfies(pipe -> {
            assertThat(pipe.name()).isEqualTo("tuned-pipe");
            assertThat(pipe.startingPosition()).isEqualTo("LATEST");
            assertThat(pipe.batchSize()).isEqualTo(10);
            assertThat(pipe.batchingWindowSeconds()).isEqualTo(3);
            assertThat(pipe.deadLetterQueueId()).isEqualTo("PipeFailures");
            assertThat(pipe.filterPatterns()).containsExactly("{\"eventName\": [\"INSERT\"]}", "{\"eventName\": [\"MODIFY\"]}");
            assertThat(pipe.inputTemplate()).isEqualTo("{\"id\": <$.dynamodb.Keys.id.S>}");
            assertThat(pipe.running()).isFalse();
        });
    }

    @Test
    void pipesFromAQueue_orToATargetOutsideTheTemplate_areNotRun() {
        assertThat(read("""
                  FromQueue:
                    Type: AWS::Pipes::Pipe
                    Properties:
                      Source: !GetAtt Jobs.Arn
                      Target: !GetAtt Delivery.Arn
                  ToElsewhere:
                    Type: AWS::Pipes::Pipe
                    Properties:
                      Source: !GetAtt Orders.StreamArn
                      Target: arn:aws:firehose:us-east-1:000000000000:deliverystream/other
                """)).isEmpty();
    }
}
