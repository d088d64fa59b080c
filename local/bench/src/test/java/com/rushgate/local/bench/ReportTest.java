package com.rushgate.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The bench's summary rounds measured doubles to one decimal; exact figures pass as BigDecimal. */
class ReportTest {

    @Test
    void doublesAreRounded_butAnExactFigureKeepsItsDigits() {
        Report report = new Report();
        report.put("ingestPerSecond", 123.456);
        report.put("limitsScale", BigDecimal.valueOf(0.05));
        assertThat(report.json()).contains("\"ingestPerSecond\":123.5", "\"limitsScale\":0.05");
    }
}
