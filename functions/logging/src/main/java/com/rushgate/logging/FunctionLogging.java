package com.rushgate.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Every function's log configuration, in code (no XML to parse at a cold start): Powertools-shaped
 * JSON lines ({@link PowertoolsJsonEncoder}) on standard output, which Lambda sends to CloudWatch
 * Logs. Rushgate's own loggers write from {@code POWERTOOLS_LOG_LEVEL} (INFO when unset), Powertools
 * and every library from WARN. The system property {@value #LEVEL_PROPERTY} sets every logger at once
 * (the local stack and the tests lower the noise with it). While a function primes itself for a
 * SnapStart snapshot only warnings and errors are written ({@link PrimingFilter}).
 *
 * <p>Found by logback through {@code META-INF/services}; it stops logback looking for any other
 * configuration.
 */
public final class FunctionLogging extends ContextAwareBase implements Configurator {

    /** A system property that, when set, gives every logger its level. */
    public static final String LEVEL_PROPERTY = "rushgate.function.log.level";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PowertoolsJsonEncoder encoder = new PowertoolsJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        PrimingFilter priming = new PrimingFilter();
        priming.setContext(context);
        priming.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("json");
        console.setEncoder(encoder);
        console.addFilter(priming);
        console.start();

        String everything = System.getProperty(LEVEL_PROPERTY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(Level.toLevel(everything, Level.WARN));
        context.getLogger("com.rushgate").setLevel(Level.toLevel(everything != null ? everything
                : System.getenv("POWERTOOLS_LOG_LEVEL"), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
