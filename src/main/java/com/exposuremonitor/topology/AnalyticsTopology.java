package com.exposuremonitor.topology;

import com.exposuremonitor.avro.OperatorDailySnapshot;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.analytics.DailySnapshots;
import com.exposuremonitor.domain.analytics.SectorDay;
import com.exposuremonitor.serde.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Analytics for downstream systems: one flat snapshot per operator per UTC day and one sector summary per
 * day, from event-time tumbling windows (the exposure's asOf) with a grace period, final results only:
 * each day is published once, after its window closed; an exposure later than the grace is dropped.
 */
public final class AnalyticsTopology {
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
    public static final String OPERATOR_DAILY_STORE = "operator-daily-windows";
    public static final String SECTOR_DAILY_STORE = "sector-daily-windows";
    private static final Duration DAY = Duration.ofDays(1);
    private static final String SECTOR = "sector";

    private AnalyticsTopology() {
    }

    public static Topology buildAnalyticsTopology(Topics topics, Duration grace) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, topics, AlertTopology.addTo(builder, topics, OutputCounters.NONE), grace);
        return builder.build();
    }

    /** @param exposures the operator exposures as the alert evaluation reads them (same sub-topology) */
    public static void addTo(StreamsBuilder builder, Topics topics, KStream<String, OperatorExposure> exposures,
                             Duration grace) {
        TimeWindows days = TimeWindows.ofSizeAndGrace(DAY, grace);
        KStream<String, OperatorDailySnapshot> snapshots = exposures.processValues(
                () -> new SnapshotProcessor(), Named.as("daily-snapshot"), AlertTopology.ALERT_STATE_STORE);
        snapshots.groupByKey(Grouped.<String, OperatorDailySnapshot>as("operator-daily")
                        .withKeySerde(Serdes.String()).withValueSerde(topics.operatorDaily.valueSerde()))
                .windowedBy(days)
                .reduce((older, newer) -> newer.getAsOf().isBefore(older.getAsOf()) ? older : newer,
                        Named.as("operator-daily-latest"),
                        Materialized.<String, OperatorDailySnapshot, WindowStore<Bytes, byte[]>>as(OPERATOR_DAILY_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.operatorDaily.valueSerde()))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("operator-daily-final"))
                .toStream(Named.as("operator-daily-closed"))
                .map((window, snapshot) -> KeyValue.pair(window.key() + "|" + day(window), snapshot),
                        Named.as("operator-daily-key"))
                .to(topics.operatorDaily.name(), Produced.with(topics.operatorDaily.keySerde(),
                        topics.operatorDaily.valueSerde()).withName("operator-daily-sink"));
        snapshots.groupBy((operatorId, snapshot) -> SECTOR, Grouped.<String, OperatorDailySnapshot>as("sector-daily")
                        .withKeySerde(Serdes.String()).withValueSerde(topics.operatorDaily.valueSerde()))
                .windowedBy(days)
                .aggregate(SectorDay::new, (key, snapshot, day) -> day.add(snapshot), Named.as("sector-daily-aggregate"),
                        Materialized.<String, SectorDay, WindowStore<Bytes, byte[]>>as(SECTOR_DAILY_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(SectorDay.class)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("sector-daily-final"))
                .toStream(Named.as("sector-daily-closed"))
                .map((window, day) -> KeyValue.pair(day(window).toString(), day.summary(day(window))),
                        Named.as("sector-daily-summary"))
                .to(topics.sectorDaily.name(), Produced.with(topics.sectorDaily.keySerde(),
                        topics.sectorDaily.valueSerde()).withName("sector-daily-sink"));
    }

    private static LocalDate day(Windowed<String> window) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(window.window().start()), ZoneOffset.UTC);
    }

    /** Reads the operator's alert book, evaluated just before for the same exposure (same task). */
    private static final class SnapshotProcessor
            implements FixedKeyProcessor<String, OperatorExposure, OperatorDailySnapshot> {
        private FixedKeyProcessorContext<String, OperatorDailySnapshot> context;
        private KeyValueStore<String, AlertBook> books;

        @Override
        public void init(FixedKeyProcessorContext<String, OperatorDailySnapshot> context) {
            this.context = context;
            this.books = context.getStateStore(AlertTopology.ALERT_STATE_STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, OperatorExposure> record) {
            OperatorExposure exposure = record.value();
            if (exposure != null) {
                context.forward(record.withValue(DailySnapshots.of(exposure, books.get(exposure.getOperatorId()))));
            }
        }
    }
}
