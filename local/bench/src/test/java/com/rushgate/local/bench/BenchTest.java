package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Choosing sections: a name that is no section stops the run before anything starts. */
class BenchTest {

    @Test
    void run_withAnUnknownSection_namesTheSectionsThereAre() {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());

        assertThatThrownBy(() -> Bench.run("smoke", Path.of("no-template.yaml"), Path.of("no-state"), Map.of(),
                Optional.empty(), quiet, report -> { }, Set.of("cold-starts")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cold-starts'")
                .hasMessageContaining("floor, ingest, drain, burst, raffle, cold start");
    }

    @Test
    void sections_readADashAsASpace_andNoNameAsEverySection() {
        assertThat(Bench.sections(Set.of("cold-start", "floor"))).containsExactlyInAnyOrder("cold start", "floor");
        assertThat(Bench.sections(Set.of())).isEmpty();
    }
}
