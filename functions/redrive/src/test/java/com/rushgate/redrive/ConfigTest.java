package com.rushgate.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.config.Env;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RedriveConfig, ReconcileConfig and DrawConfig: what each function reads from its environment. */
class ConfigTest {

    private static final Map<String, String> VALID = Map.ofEntries(
            Map.entry("REQUEST_TABLE", "RequestTable"),
            Map.entry("INFLIGHT_INDEX", "InflightIndex"),
            Map.entry("ARRIVAL_SHARDS", "16"),
            Map.entry("QUEUE_URL", "http://127.0.0.1:9324/000000000000/WorkQueue"),
            Map.entry("DLQ_URL", "http://127.0.0.1:9324/000000000000/DeadLetterQueue"),
            Map.entry("RECONCILE_RECEIVED_AFTER_SECONDS", "60"),
            Map.entry("RECONCILE_STALE_AFTER_SECONDS", "900"),
            Map.entry("RECONCILE_MAX_ATTEMPTS", "5"),
            Map.entry("RECONCILE_MAX_PER_RUN", "500"),
            Map.entry("EVENT_TABLE", "EventTable"),
            Map.entry("ARRIVAL_INDEX", "ArrivalIndex"),
            Map.entry("ANALYTICS_BUCKET", "analyticsbucket"),
            Map.entry("ARRIVAL_SETTLE_MS", "1500"),
            Map.entry("DRAW_RESEND_AFTER_SECONDS", "600"),
            Map.entry("POWERTOOLS_METRICS_NAMESPACE", "Rushgate"),
            Map.entry("POWERTOOLS_SERVICE_NAME", "redrive"));

    @Test
    void redrive_readsEveryVariable() {
        RedriveConfig config = RedriveConfig.from(new Env(VALID));

        assertThat(config.requestTable()).isEqualTo("RequestTable");
        assertThat(config.arrivalShards()).isEqualTo(16);
        assertThat(config.deadLetterQueue()).endsWith("/DeadLetterQueue");
        assertThat(config.queueUrl()).endsWith("/WorkQueue");
        assertThat(config.serviceName()).isEqualTo("redrive");
    }

    @Test
    void reconcile_readsEveryVariable_intoItsPolicy() {
        ReconcileConfig config = ReconcileConfig.from(new Env(VALID));

        assertThat(config.inflightIndex()).isEqualTo("InflightIndex");
        assertThat(config.policy().receivedAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.policy().staleAfter()).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.policy().maxAttempts()).isEqualTo(5);
        assertThat(config.policy().maxPerRun()).isEqualTo(500);
    }

    @Test
    void draw_readsEveryVariable_andTheReconcilerReadsTheSame() {
        DrawConfig config = DrawConfig.from(new Env(VALID));

        assertThat(config.eventTable()).isEqualTo("EventTable");
        assertThat(config.arrivalIndex()).isEqualTo("ArrivalIndex");
        assertThat(config.arrivalShards()).isEqualTo(16);
        assertThat(config.analyticsBucket()).isEqualTo("analyticsbucket");
        assertThat(config.queueUrl()).endsWith("/WorkQueue");
        assertThat(config.policy().settle()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.policy().resendAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ReconcileConfig.from(new Env(VALID)).draws()).isEqualTo(config);
    }

    @Test
    void aMissingOrInvalidVariable_stopsInit_namingIt() {
        Map<String, String> noDlq = new HashMap<>(VALID);
        noDlq.remove("DLQ_URL");
        Map<String, String> badQueue = new HashMap<>(VALID);
        badQueue.put("QUEUE_URL", "not a url");
        Map<String, String> zeroPerRun = new HashMap<>(VALID);
        zeroPerRun.put("RECONCILE_MAX_PER_RUN", "0");
        Map<String, String> noBucket = new HashMap<>(VALID);
        noBucket.remove("ANALYTICS_BUCKET");
        Map<String, String> neverResend = new HashMap<>(VALID);
        neverResend.put("DRAW_RESEND_AFTER_SECONDS", "0");

        assertThatThrownBy(() -> RedriveConfig.from(new Env(noDlq)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DLQ_URL");
        assertThatThrownBy(() -> RedriveConfig.from(new Env(badQueue)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("QUEUE_URL");
        assertThatThrownBy(() -> ReconcileConfig.from(new Env(zeroPerRun)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("RECONCILE_MAX_PER_RUN");
        assertThatThrownBy(() -> ReconcileConfig.from(new Env(noBucket)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ANALYTICS_BUCKET");
        assertThatThrownBy(() -> DrawConfig.from(new Env(neverResend)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DRAW_RESEND_AFTER_SECONDS");
    }
}
