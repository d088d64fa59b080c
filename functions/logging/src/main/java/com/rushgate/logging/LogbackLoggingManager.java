package com.rushgate.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * Powertools logging's hold on the log levels, for logback (Powertools looks it up through
 * {@code META-INF/services}). {@link #setLogLevel} does what Powertools' own log4j manager does with
 * {@code POWERTOOLS_LOG_LEVEL}, {@code AWS_LAMBDA_LOG_LEVEL} and log sampling: every logger writes
 * from that level on.
 */
public final class LogbackLoggingManager implements LoggingManager {

    @Override
    public void setLogLevel(org.slf4j.event.Level level) {
        LoggerContext context = context();
        Level logback = Level.toLevel(level.toString(), Level.INFO);
        for (Logger logger : context.getLoggerList()) {
            logger.setLevel(logger.getName().equals(Logger.ROOT_LOGGER_NAME) ? logback : null);
        }
    }

    @Override
    public org.slf4j.event.Level getLogLevel(org.slf4j.Logger logger) {
        Level level = context().getLogger(logger.getName()).getEffectiveLevel();
        return switch (level.toInt()) {
            case Level.TRACE_INT, Level.ALL_INT -> org.slf4j.event.Level.TRACE;
            case Level.DEBUG_INT -> org.slf4j.event.Level.DEBUG;
            case Level.INFO_INT -> org.slf4j.event.Level.INFO;
            case Level.WARN_INT -> org.slf4j.event.Level.WARN;
            default -> org.slf4j.event.Level.ERROR;
        };
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
