package com.exposuremonitor.topology;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.confluent.ConfluentException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the intake: whatever still throws while deserializing or processing a record
 * becomes a dead letter, produced in the same transaction as the task's output (KIP-1034), and the
 * application goes on. Configured from the Streams config: KIP-1034's
 * {@code errors.dead.letter.queue.topic.name} and {@code application.id}.
 */
public final class DeadLetterHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);
    /**
     * Kafka Streams builds the handlers by class name, so the instance's metrics reach them as an object in
     * the Streams config under this key (optional).
     */
    public static final String COUNTERS_CONFIG = "exposure.monitor.output.counters";

    private DeadLetterHandlers() {
    }

    /** What both handlers share: turning a failed record into a KIP-1034 dead-letter record. */
    private static final class Writer {
        private String topic;
        private String applicationId;
        private OutputCounters counters = OutputCounters.NONE;

        void configure(Map<String, ?> configs) {
            topic = String.valueOf(configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
            applicationId = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
            if (configs.get(COUNTERS_CONFIG) instanceof OutputCounters given) {
                counters = given;
            }
        }

        List<ProducerRecord<byte[], byte[]>> letter(String errorType, ErrorHandlerContext context, Exception e) {
            DeadLetters.Origin origin = new DeadLetters.Origin(context.topic(), context.partition(), context.offset(),
                    context.timestamp(), context.sourceRawKey(), context.sourceRawValue(), applicationId);
            String reason = errorType.equals(DeadLetters.PROCESSING)
                    ? "processing failed in " + context.processorNodeId() + ": " + e
                    : "cannot deserialize: " + e.getMessage();
            DeadLetter letter = DeadLetters.of(errorType, reason, origin, e);
            LOG.warn("dead letter from {}-{}@{}: {}", context.topic(), context.partition(), context.offset(), reason);
            counters.deadLetter(errorType);
            Headers headers = DeadLetterFormat.addErrorHeaders(
                    new RecordHeaders(context.headers() == null ? new Header[0] : context.headers().toArray()), letter);
            return List.of(new ProducerRecord<>(topic, null, context.sourceRawKey(), context.sourceRawValue(),
                    headers));
        }
    }

    /**
     * A registry that cannot be reached or refuses us says nothing about the record: the task fails (the
     * runtime's thread-failure policy retries it with a backoff) and the record is processed once the
     * registry answers, instead of being set aside as bad.
     */
    private static boolean registryFault(Exception e, ErrorHandlerContext context) {
        return ConfluentException.registryFaultIn(e).map(fault -> {
            LOG.warn("record {}-{}@{} not processed, the task will retry it: {}", context.topic(),
                    context.partition(), context.offset(), fault.getMessage());
            return true;
        }).orElse(false);
    }

    /** Records that cannot be deserialized at a typed source. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private final Writer writer = new Writer();

        @Override
        public void configure(Map<String, ?> configs) {
            writer.configure(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
            if (registryFault(e, context)) {
                return Response.fail();
            }
            return Response.resume(writer.letter(DeadLetters.DESERIALIZATION, context, e));
        }
    }

    /** Records whose processing throws: the record is set aside, the task goes on. */
    public static final class Processing implements ProcessingExceptionHandler {
        private final Writer writer = new Writer();

        @Override
        public void configure(Map<String, ?> configs) {
            writer.configure(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
            if (registryFault(e, context)) {
                return Response.fail();
            }
            return Response.resume(writer.letter(DeadLetters.PROCESSING, context, e));
        }
    }

}
