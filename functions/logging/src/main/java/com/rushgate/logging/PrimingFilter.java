package com.rushgate.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops everything below WARN while the MDC key {@value #MDC_KEY} is "true": SnapStart priming
 * sets it, so a priming run writes no line that looks like traffic (its warnings still show, and
 * carry the key). Without the key it changes nothing.
 */
public final class PrimingFilter extends Filter<ILoggingEvent> {

    /** The MDC key SnapStart priming sets to "true". */
    public static final String MDC_KEY = "priming";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN) && "true".equals(event.getMDCPropertyMap().get(MDC_KEY))) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
