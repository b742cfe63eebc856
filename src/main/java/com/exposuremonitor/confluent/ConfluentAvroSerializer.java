package com.exposuremonitor.confluent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (specific or generic) in the Confluent wire format under the TopicNameStrategy
 * subject, registering the schema on first use unless auto-registration is off.
 */
public final class ConfluentAvroSerializer<T> implements Serializer<T> {
    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister = true;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For instantiation by class name from Kafka client configs; {@link #configure} must follow. */
    public ConfluentAvroSerializer() {
    }

    public ConfluentAvroSerializer(SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
        this.client = client;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.client = ConfluentConfig.client(configs);
        this.isKey = isKey;
        this.autoRegister = ConfluentConfig.flag(configs, ConfluentConfig.AUTO_REGISTER_SCHEMAS, true);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof GenericContainer container)) {
            throw new IllegalArgumentException("not an Avro record: " + data.getClass().getName());
        }
        Schema schema = container.getSchema();
        String subject = SubjectNames.topicName(topic, isKey);
        int id = autoRegister ? client.register(subject, schema) : client.lookupId(subject, schema);
        return write(id, schema, data);
    }

    private byte[] write(int id, Schema schema, Object data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, s -> writerFor(s, data)).write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new ConfluentException.InvalidPayload(
                    "cannot write " + schema.getFullName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static DatumWriter<Object> writerFor(Schema schema, Object sample) {
        GenericData model = AvroModels.forValue(sample);
        return new GenericDatumWriter<>(schema, model);
    }
}
