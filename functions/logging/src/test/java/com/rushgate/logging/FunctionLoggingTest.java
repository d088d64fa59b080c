package com.rushgate.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The configuration every function starts with, and the level hook Powertools drives. */
class FunctionLoggingTest {

    @Test
    void configure_writesJsonToStandardOutput_rushgateFromInfo_everythingElseFromWarn() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = new FunctionLogging().configure(context);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.rushgate.worker.WorkerHandler").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("software.amazon.awssdk.request").getEffectiveLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender("json");
        assertThat(console.getEncoder()).isInstanceOf(PowertoolsJsonEncoder.class);
        assertThat(console.getTarget()).isEqualTo("System.out");
        assertThat(console.getCopyOfAttachedFiltersList()).hasOnlyElementsOfType(PrimingFilter.class);
    }

    @Test
    void configure_withTheLevelProperty_setsEveryLogger() {
        LoggerContext context = new LoggerContext();
        System.setProperty(FunctionLogging.LEVEL_PROPERTY, "ERROR");
        try {
            new FunctionLogging().configure(context);
        } finally {
            System.clearProperty(FunctionLogging.LEVEL_PROPERTY);
        }

        assertThat(context.getLogger("com.rushgate.ingest").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("software.amazon.awssdk").getEffectiveLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void loggingManager_setLogLevel_movesEveryLogger_andGetLogLevelTellsIt() {
        LogbackLoggingManager manager = new LogbackLoggingManager();
        org.slf4j.Logger ours = LoggerFactory.getLogger("com.rushgate.status.StatusHandler");
        org.slf4j.Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.core");
        org.slf4j.event.Level before = manager.getLogLevel(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME));
        try {
            manager.setLogLevel(org.slf4j.event.Level.DEBUG);

            assertThat(manager.getLogLevel(ours)).isEqualTo(org.slf4j.event.Level.DEBUG);
            assertThat(manager.getLogLevel(sdk)).isEqualTo(org.slf4j.event.Level.DEBUG);
            assertThat(ours.isDebugEnabled()).isTrue();
        } finally {
            manager.setLogLevel(before);
        }
    }
}
