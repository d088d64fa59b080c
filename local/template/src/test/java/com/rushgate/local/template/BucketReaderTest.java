package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.StackModel.BucketSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketReaderTest {

    @TempDir
    Path dir;

    @Test
    void buckets_areNamedByBucketName_orByTheirLogicalIdInLowerCase() {
        TemplateFixture fixture = TemplateFixture.of(dir, """
                Resources:
                  AnalyticsBucket:
                    Type: AWS::S3::Bucket
                  Named:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub "${AWS::StackName}-exports"
                  Queue:
                    Type: AWS::SQS::Queue
                """);

        List<BucketSpec> buckets = BucketReader.read(fixture.template(), fixture.names());

        assertThat(buckets).containsExactlyInAnyOrder(new BucketSpec("AnalyticsBucket", "analyticsbucket"),
                new BucketSpec("Named", "rushgate-local-exports"));
    }
}
