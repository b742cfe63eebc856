package com.exposuremonitor.topology;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.avro.OperatorExposure;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The exposure topology: four input topics in, one live {@code OperatorExposure} per operator out (a
 * compacted feed and a queryable store), and every unusable record in the dead-letter topic.
 *
 * <pre>
 *  &lt;kind&gt;-source -&gt; &lt;kind&gt;-intake [snapshots] -+-&gt; accepted -&gt; exposure-apply (in-memory aggregates)
 *                                              |     -&gt; exposure-changes (cached marks, handed over once per commit)
 *                                              |     -&gt; exposure-emit [operator-exposure; reads the snapshots] -&gt; feed
 *                                              +-&gt; rejected -&gt; dead-letters
 * </pre>
 * All inputs are keyed by operatorId and must have the same partition count (they share one task).
 */
public final class ExposureTopology {
    public static final String EXPOSURE_STORE = "operator-exposure";
    /** The latest snapshot of every natural key of every input kind (keys are tagged by kind). */
    public static final String SNAPSHOT_STORE = IntakeProcessor.SNAPSHOT_STORE;
    /** Operators changed since the last commit (in memory, not logged: a crash replays the marks). */
    public static final String CHANGES_STORE = ChangeMarks.storeName("exposure");
    public static final Duration DEFAULT_CLOCK_INTERVAL = Duration.ofHours(1);
    /** Every published exposure, by operator and asOf: the history and point-in-time answers. */
    public static final String HISTORY_STORE = "operator-exposure-history";
    public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(400);

    private ExposureTopology() {
    }

    public static Topology buildExposureTopology(Topics topics, Duration clockInterval) {
        return buildExposureTopology(topics, clockInterval, ExposureProcessor.CACHED_AGGREGATES_PER_TASK);
    }

    /** With {@code cachedAggregates} operators kept in memory per task (tests shrink it to force rebuilds). */
    static Topology buildExposureTopology(Topics topics, Duration clockInterval, int cachedAggregates) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, topics, clockInterval, DEFAULT_HISTORY_RETENTION, cachedAggregates, OutputCounters.NONE);
        return builder.build();
    }

    /** Adds the exposure nodes to a builder shared with other topologies; returns the live exposure stream. */
    public static KStream<String, OperatorExposure> addTo(StreamsBuilder builder, Topics topics,
                                                          Duration clockInterval, Duration historyRetention,
                                                          OutputCounters counters) {
        return addTo(builder, topics, clockInterval, historyRetention, ExposureProcessor.CACHED_AGGREGATES_PER_TASK,
                counters);
    }

    private static KStream<String, OperatorExposure> addTo(StreamsBuilder builder, Topics topics,
                                                           Duration clockInterval, Duration historyRetention,
                                                           int cachedAggregates, OutputCounters counters) {
        builder.addStateStore(IntakeProcessor.snapshotStore());
        TaskShared<TaskCache<CachedOperator>> operators = new TaskShared<>(() -> new TaskCache<>(cachedAggregates));
        KStream<byte[], Intake> accepted = null;
        KStream<byte[], DeadLetter> rejected = null;
        for (InputKind<?> kind : InputKind.ALL) {
            KStream<byte[], Intake> intake = intake(builder, kind, topics, operators);
            var branches = intake.split(Named.as(kind.name() + "-"))
                    .branch((k, v) -> v instanceof Intake.Accepted<?>, Branched.as("accepted"))
                    .defaultBranch(Branched.as("rejected"));
            KStream<byte[], Intake> ok = branches.get(kind.name() + "-accepted");
            KStream<byte[], DeadLetter> bad = branches.get(kind.name() + "-rejected")
                    .mapValues(v -> counted(((Intake.Rejected) v).letter(), counters),
                            Named.as(kind.name() + "-dead-letter"));
            accepted = accepted == null ? ok : accepted.merge(ok, Named.as("accepted-" + kind.name()));
            rejected = rejected == null ? bad : rejected.merge(bad, Named.as("rejected-" + kind.name()));
        }
        // The marks coalesce an operator's events: it reaches the emit step once per commit.
        KStream<byte[], Long> marks = accepted.processValues(ExposureApply.supplier(operators),
                Named.as("exposure-apply"));
        KStream<String, OperatorExposure> exposures = ChangeMarks.oncePerCommit(marks, "exposure", Serdes.ByteArray())
                .process(ExposureProcessor.supplier(topics, clockInterval, historyRetention, operators),
                        Named.as("exposure-emit"),
                        IntakeProcessor.SNAPSHOT_STORE);
        exposures.to(topics.operatorExposure.name(), Produced.with(topics.operatorExposure.keySerde(),
                        topics.operatorExposure.valueSerde()).withName("operator-exposure-sink"));
        rejected.to(topics.deadLetters.name(), Produced.with(topics.deadLetters.keySerde(),
                topics.deadLetters.valueSerde()).withName("dead-letter-sink"));
        return exposures;
    }

    static DeadLetter counted(DeadLetter letter, OutputCounters counters) {
        counters.deadLetter(letter.getErrorType());
        return letter;
    }

    private static <T extends SpecificRecord> KStream<byte[], Intake> intake(StreamsBuilder builder, InputKind<T> kind,
                                                                             Topics topics,
                                                                             TaskShared<TaskCache<CachedOperator>> operators) {
        String topic = kind.topic().apply(topics).name();
        return builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(kind.name() + "-source"))
                .processValues(IntakeProcessor.supplier(kind, topics, operators), Named.as(kind.name() + "-intake"),
                        IntakeProcessor.SNAPSHOT_STORE);
    }


}
