package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.StackModel.DeliveryStreamSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryStreamReaderTest {

    @TempDir
    Path dir;

    private List<DeliveryStreamSpec> read(String yaml) {
        TemplateFixture fixture = TemplateFixture.of(dir, yaml);
        return DeliveryStreamReader.read(fixture.template(), fixture.names());
    }

    @Test
    void anS3Destination_getsFirehosesDefaults_andItsBucketFromTheArn() {
        List<DeliveryStreamSpec> streams = read("""
                Resources:
                  Lake:
                    Type: AWS::S3::Bucket
                  Plain:
                    Type: AWS::KinesisFirehose::DeliveryStream
                    Properties:
                      S3DestinationConfiguration:
                        BucketARN: !GetAtt Lake.Arn
                  Elsewhere:
                    Type: AWS::KinesisFirehose::DeliveryStream
                    Properties:
                      HttpEndpointDestinationConfiguration:
                        EndpointConfiguration:
                          Url: https://example.com
                """);

        assertThat(streams).singleElement().satisfies(stream -> {
            assertThat(stream.logicalId()).isEqualTo("Plain");
            assertThat(stream.name()).isEqualTo("Plain");
            assertThat(stream.arn()).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/Plain");
            assertThat(stream.bucketName()).isEqualTo("lake");
            assertThat(stream.prefix()).isEmpty();
            assertThat(stream.bufferIntervalSeconds()).isEqualTo(300);
            assertThat(stream.bufferSizeMb()).isEqualTo(5);
            assertThat(stream.compression()).isEqualTo("UNCOMPRESSED");
            assertThat(stream.fileExtension()).isNull();
            assertThat(stream.processors()).isEmpty();
            assertThat(stream.timeZone()).isEqualTo("UTC");
        });
    }

    @Test
    void anExtendedS3Destination_readsItsSettings_andItsProcessorsOnlyWhenEnabled() {
        List<DeliveryStreamSpec> streams = read("""
                Resources:
                  Processed:
                    Type: AWS::KinesisFirehose::DeliveryStream
                    Properties:
                      DeliveryStreamName: processed-stream
                      ExtendedS3DestinationConfiguration:
                        BucketARN: arn:aws:s3:::my-bucket
                        Prefix: "records/dt=!{timestamp:yyyy-MM-dd}/"
                        ErrorOutputPrefix: errors/
                        BufferingHints:
                          IntervalInSeconds: 60
                          SizeInMBs: 64
                        CompressionFormat: GZIP
                        FileExtension: .json.gz
                        CustomTimeZone: Europe/Paris
                        ProcessingConfiguration:
                          Enabled: true
                          Processors:
                            - Type: AppendDelimiterToRecord
                              Parameters:
                                - ParameterName: Delimiter
                                  ParameterValue: "\\\\n"
                  Switched:
                    Type: AWS::KinesisFirehose::DeliveryStream
                    Properties:
                      ExtendedS3DestinationConfiguration:
                        BucketARN: arn:aws:s3:::my-bucket
                        ProcessingConfiguration:
                          Enabled: false
                          Processors:
                            - Type: AppendDelimiterToRecord
                """);

        DeliveryStreamSpec processed = streams.get(0);
        assertThat(processed.name()).isEqualTo("processed-stream");
        assertThat(processed.bucketName()).isEqualTo("my-bucket");
        assertThat(processed.prefix()).isEqualTo("records/dt=!{timestamp:yyyy-MM-dd}/");
        assertThat(processed.errorOutputPrefix()).isEqualTo("errors/");
        assertThat(processed.bufferIntervalSeconds()).isEqualTo(60);
        assertThat(processed.bufferSizeMb()).isEqualTo(64);
        assertThat(processed.compression()).isEqualTo("GZIP");
        assertThat(processed.fileExtension()).isEqualTo(".json.gz");
        assertThat(processed.timeZone()).isEqualTo("Europe/Paris");
        assertThat(processed.processors())
                .containsExactly(Map.entry("AppendDelimiterToRecord", Map.of("Delimiter", "\\n")));
        assertThat(streams.get(1).processors()).isEmpty();
    }
}
