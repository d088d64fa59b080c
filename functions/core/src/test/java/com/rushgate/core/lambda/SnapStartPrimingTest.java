package com.rushgate.core.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class SnapStartPrimingTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private Runnable record(String call) {
        return () -> calls.add(call);
    }

    @Test
    void prime_runsTheStepsInOrderInsideTheScopesOutermostFirst() {
        SnapStartPriming priming = SnapStartPriming.builder("fn")
                .around(work -> {
                    calls.add("outer in");
                    work.run();
                    calls.add("outer out");
                })
                .around(work -> {
                    calls.add("inner in");
                    work.run();
                    calls.add("inner out");
                })
                .step("one", record("one"))
                .step("two", record("two"))
                .build();

        Map<String, String> outcomes = priming.prime();

        assertThat(calls).containsExactly("outer in", "inner in", "one", "two", "inner out", "outer out");
        assertThat(outcomes).containsExactly(Map.entry("one", "ok"), Map.entry("two", "ok"));
    }

    @Test
    void prime_whenAStepFails_reportsItAndRunsTheNextOnes() {
        SnapStartPriming priming = SnapStartPriming.builder("fn")
                .step("broken", () -> {
                    throw new IllegalStateException("no such table");
                })
                .step("next", record("next"))
                .build();

        Map<String, String> outcomes = priming.prime();

        assertThat(outcomes.get("broken")).startsWith("failed: ").contains("no such table");
        assertThat(outcomes.get("next")).isEqualTo(SnapStartPriming.OK);
        assertThat(calls).containsExactly("next");
    }

    @Test
    void prime_letsErrorsThrough_soThatABrokenJarIsNeverSnapshotted() {
        SnapStartPriming priming = SnapStartPriming.builder("fn")
                .step("class missing", () -> {
                    throw new NoClassDefFoundError("com/example/Gone");
                })
                .build();

        assertThatThrownBy(priming::prime).isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void steps_runWithThePrimingMdcKey_andLeaveNoMdcBehind() {
        SnapStartPriming priming = SnapStartPriming.builder("fn")
                .step("look", () -> {
                    calls.add("priming=" + MDC.get(SnapStartPriming.MDC_KEY));
                    MDC.put("requestId", "rq_left-behind");
                })
                .build();

        priming.prime();

        assertThat(calls).containsExactly("priming=true");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void restore_runsEveryStepEvenAfterAFailure_andClearsTheMdc() {
        SnapStartPriming priming = SnapStartPriming.builder("fn")
                .afterRestore("broken", () -> {
                    throw new IllegalStateException("boom");
                })
                .afterRestore("clear cache", record("clear cache"))
                .build();
        MDC.put("eventId", "left over from init");

        priming.restore();

        assertThat(calls).containsExactly("clear cache");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void primeRegistered_runsEveryBeforeCheckpointLastRegisteredFirst_thenEveryAfterRestore() {
        SnapStartPriming first = SnapStartPriming.register(SnapStartPriming.builder("first-" + System.nanoTime())
                .step("prime", record("first prime")).afterRestore("restore", record("first restore")).build());
        SnapStartPriming second = SnapStartPriming.register(SnapStartPriming.builder("second-" + System.nanoTime())
                .step("prime", record("second prime")).afterRestore("restore", record("second restore")).build());

        Map<String, String> outcomes = SnapStartPriming.primeRegistered();

        assertThat(SnapStartPriming.registered()).contains(first, second);
        assertThat(calls).containsExactly("second prime", "first prime", "first restore", "second restore");
        assertThat(outcomes).containsEntry(first.function() + ": prime", "ok")
                .containsEntry(second.function() + ": prime", "ok");
    }
}
