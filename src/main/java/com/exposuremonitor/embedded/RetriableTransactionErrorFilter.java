package com.exposuremonitor.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

/**
 * Keeps one known-harmless broker error out of the demo's log: a Kafka 4.x broker logs, at ERROR, an
 * {@code OutOfOrderSequenceException} "for transactions v2 idempotent producer with no existing state"
 * when a transactional producer's append is retried after {@code CONCURRENT_TRANSACTIONS} (KAFKA-18202).
 * The producer retries it and the transaction commits; the crash and verifier tests show no record lost
 * or duplicated. Every other broker error is logged as usual.
 */
public final class RetriableTransactionErrorFilter extends TurboFilter {
    private static final String BROKER_LOGGER = "kafka.server.ReplicaManager";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        boolean retriedTransactionalAppend = level == Level.ERROR && logger != null
                && BROKER_LOGGER.equals(logger.getName()) && t instanceof OutOfOrderSequenceException
                && t.getMessage() != null && t.getMessage().contains("transactions v2");
        return retriedTransactionalAppend ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
