package com.exposuremonitor.confluent;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes in the Confluent wire format, built from one registry client (no static state). */
public final class ConfluentAvroSerde {
    private ConfluentAvroSerde() {
    }

    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient client,
                                                               boolean isKey) {
        return Serdes.serdeFrom(new ConfluentAvroSerializer<>(client, isKey, true),
                new ConfluentAvroDeserializer<>(client, type));
    }

    public static Serde<GenericRecord> generic(SchemaRegistryClient client, boolean isKey) {
        return Serdes.serdeFrom(new ConfluentAvroSerializer<>(client, isKey, true),
                new ConfluentAvroDeserializer<>(client, null));
    }
}
