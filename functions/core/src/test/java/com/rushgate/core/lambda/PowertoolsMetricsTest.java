package com.rushgate.core.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PowertoolsMetricsTest {

    private final PowertoolsMetrics metrics = new PowertoolsMetrics("Test", "unit");

    @Test
    void publish_writesOneDocumentWhenSomethingWasCounted() {
        metrics.publish();
        metrics.accepted();
        metrics.succeeded(Duration.ofMillis(12));

        metrics.publish();
        metrics.publish();

        assertThat(metrics.publishedDocuments()).isEqualTo(1);
    }

    @Test
    void whileSilenced_countsAreDroppedAndNothingIsWritten() {
        metrics.silenced(() -> {
            metrics.accepted();
            metrics.rejected(Duration.ofMillis(3));
            metrics.publish();
            metrics.duplicate();
        });
        metrics.publish();

        assertThat(metrics.publishedDocuments()).isZero();
    }

    @Test
    void prime_writesNothing() {
        metrics.prime();
        metrics.publish();

        assertThat(metrics.publishedDocuments()).isZero();
    }

    @Test
    void primingDocument_isAnEmfDocumentOfThisFunction_builtThroughTheFlushPath() {
        String document = String.join("", metrics.primingDocument());

        assertThat(document).contains("\"_aws\"").contains("\"Primed\"").contains("\"Service\"");
    }
}
