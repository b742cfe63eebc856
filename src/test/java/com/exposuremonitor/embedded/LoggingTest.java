package com.exposuremonitor.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipped logging configuration: it loads cleanly, and only the known-harmless broker error is dropped. */
class LoggingTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final RetriableTransactionErrorFilter filter = new RetriableTransactionErrorFilter();

    @Test
    void theRetriedTransactionalAppendErrorIsDroppedAndNothingElse() {
        Logger broker = context.getLogger("kafka.server.ReplicaManager");
        var retried = new OutOfOrderSequenceException("Invalid sequence number for producer 5 at offset 1 in "
                + "partition t-1: 266 (incoming seq. number). Expected sequence 0 for transactions v2 idempotent "
                + "producer with no existing state.");
        assertThat(filter.decide(null, broker, Level.ERROR, "Error processing append", null, retried))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, broker, Level.ERROR, "Error processing append", null,
                new OutOfOrderSequenceException("Out of order sequence number for producer 7"))).as("another cause")
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger("com.exposuremonitor.x"), Level.ERROR, "x", null, retried))
                .as("another logger").isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theShippedConfigurationLoadsWithoutErrorsAndDatesEveryLine() {
        assertThat(context.getStatusManager().getCopyOfStatusList()).as("logback status")
                .noneMatch(s -> s.getLevel() == Status.ERROR);
        assertThat(context.getTurboFilterList()).hasAtLeastOneElementOfType(RetriableTransactionErrorFilter.class);
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var appender = (ch.qos.logback.core.ConsoleAppender<?>) root.iteratorForAppenders().next();
        var encoder = (ch.qos.logback.classic.encoder.PatternLayoutEncoder) appender.getEncoder();
        assertThat(encoder.getPattern()).as("dated lines").startsWith("%d{yyyy-MM-dd");
    }
}
