package com.rushgate.local.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.app.port.DrawResults.EntryList;
import com.rushgate.core.aws.AwsClients;
import com.rushgate.core.aws.S3DrawResults;
import com.rushgate.core.aws.S3Objects;
import com.rushgate.core.config.Env;
import com.rushgate.core.contract.DrawResultsContract;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.Sha256RequestIds;
import com.rushgate.core.testing.Requests;
import com.rushgate.local.stack.LocalStack;
import com.rushgate.local.template.StackModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The draw results contract against S3DrawResults, with the S3 calls the functions make from the
 * environment the local stack gives them, on the local S3 over the stack's lake.
 */
class S3DrawResultsIT extends DrawResultsContract {

    private static S3Objects s3;

    private static synchronized S3Objects functionsClient() {
        if (s3 == null) {
            s3 = new AwsClients(new Env(SharedStack.get().functionEnvironment("WorkerFunction"))).s3Objects();
        }
        return s3;
    }

    private static String analyticsBucket(LocalStack stack) {
        return stack.model().buckets().stream().filter(bucket -> bucket.logicalId().equals("AnalyticsBucket"))
                .map(StackModel.BucketSpec::name).findFirst().orElseThrow();
    }

    @Override
    protected DrawResults createResults() {
        return new S3DrawResults(functionsClient(), analyticsBucket(SharedStack.get()), Clock.systemUTC());
    }

    @Test
    void everyFunction_isPointedAtTheLocalS3() {
        LocalStack stack = SharedStack.get();

        assertThat(stack.functions().keySet()).isNotEmpty().allSatisfy(function -> assertThat(
                stack.functionEnvironment(function)).containsEntry("AWS_ENDPOINT_URL_S3",
                stack.s3Endpoint().orElseThrow().toString()));
    }

    @Test
    void aPublishedDraw_liesInTheLake_inTheFolderTheAnalyticsDeliveryStreamWritesTo() {
        LocalStack stack = SharedStack.get();
        String eventId = Requests.uniqueEventId();
        DrawResults results = createResults();
        PublishedDraw draw;
        try (EntryList list = results.begin(eventId)) {
            var entry = new Sha256RequestIds().derive(eventId, "alice");
            list.add(entry);
            draw = new PublishedDraw(eventId, 1, "c".repeat(64), "5".repeat(64), null, Instant.now(), 1, List.of(entry),
                    List.of(), list.location());
            list.publish(draw);
        }
        results.announce(draw);

        String deliveryBucket = stack.model().deliveryStreams().get(0).bucketName();
        Path bucketFolder = stack.lake().orElseThrow().resolve(deliveryBucket);
        assertThat(analyticsBucket(stack)).isEqualTo(deliveryBucket);
        assertThat(bucketFolder.resolve(draw.location() + "draw.json")).isRegularFile();
        assertThat(bucketFolder.resolve(draw.location() + "entries.txt")).content()
                .isEqualTo(draw.winners().get(0).value() + "\n");
        assertThat(bucketFolder.resolve(draw.location() + "winners.txt")).isRegularFile();
        assertThat(bucketFolder.resolve("draw-results/" + eventId + ".json")).content().contains("\"eventId\":\"" + eventId);
    }
}
