package com.rushgate.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingFilterTest {

    private final Logger logger = new LoggerContext().getLogger("com.rushgate.core.lambda.SnapStartPriming");
    private final PrimingFilter filter = new PrimingFilter();

    @Test
    void decide_whilePriming_dropsInfoAndKeepsWarnings() {
        assertThat(filter.decide(event(Level.INFO, Map.of("priming", "true")))).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event(Level.WARN, Map.of("priming", "true")))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(Level.ERROR, Map.of("priming", "true")))).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void decide_outsidePriming_changesNothing() {
        assertThat(filter.decide(event(Level.INFO, Map.of()))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(Level.DEBUG, Map.of("priming", "false")))).isEqualTo(FilterReply.NEUTRAL);
    }

    private LoggingEvent event(Level level, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, "step done", null, null);
        event.setMDCPropertyMap(mdc);
        return event;
    }
}
