package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cold-start probes measure a function's start, not the backlog the earlier sections left, and
 * the yardstick runs with the functions' JVM options.
 */
class ColdStartsTest {

    @Test
    void theReconcileProbe_getsNothingDue_otherFunctionsTheirOwnEnvironment() {
        Map<String, String> environment = Map.of("RECONCILE_STALE_AFTER_SECONDS", "960", "REQUEST_TABLE", "RequestTable");
        assertThat(ColdStarts.probeEnvironment("com.rushgate.redrive.ReconcileHandler::handleRequest", environment))
                .containsEntry("RECONCILE_STALE_AFTER_SECONDS", "604800")
                .containsEntry("RECONCILE_RECEIVED_AFTER_SECONDS", "86400")
                .containsEntry("REQUEST_TABLE", "RequestTable");
        assertThat(ColdStarts.probeEnvironment("com.rushgate.ingest.IngestHandler::handleRequest", environment))
                .isEqualTo(environment);
    }

    @Test
    void theYardstick_getsTheFunctionsJvmOptions_andNothingElseOfTheirs() {
        Map<String, Map<String, String>> functions = Map.of(
                "StatusFunction", Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1", "REQUEST_TABLE", "RequestTable"));

        assertThat(ColdStarts.yardstickEnvironment(functions))
                .isEqualTo(Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"));
        assertThat(ColdStarts.yardstickEnvironment(Map.of("StatusFunction", Map.of("REQUEST_TABLE", "RequestTable"))))
                .isEmpty();
    }
}
