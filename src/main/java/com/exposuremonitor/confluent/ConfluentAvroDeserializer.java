package com.exposuremonitor.confluent;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro. The writer's schema comes from the registry by id; a specific reader
 * resolves it to its own (possibly newer) schema, a generic reader uses the writer's schema as is.
 */
public final class ConfluentAvroDeserializer<T> implements Deserializer<T> {
    private SchemaRegistryClient client;
    private Class<T> type;
    private boolean specificByName;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For instantiation by class name from Kafka client configs; {@link #configure} must follow. */
    public ConfluentAvroDeserializer() {
    }

    /** A reader of {@code type} (a generated SpecificRecord class), or of generic records when type is null. */
    public ConfluentAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
        this.type = type;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.client = ConfluentConfig.client(configs);
        this.specificByName = ConfluentConfig.flag(configs, ConfluentConfig.SPECIFIC_AVRO_READER, false);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int id = WireFormat.schemaId(bytes);
        DatumReader<T> reader = readers.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
        T value = read(reader, decoder, id);
        checkFullyConsumed(decoder, id);
        return value;
    }

    private T read(DatumReader<T> reader, BinaryDecoder decoder, int id) {
        try {
            return reader.read(null, decoder);
        } catch (EOFException e) {
            throw new ConfluentException.TruncatedPayload("Avro body ends early for schema id " + id, e);
        } catch (IOException | RuntimeException e) {
            throw new ConfluentException.InvalidPayload("not a valid record of schema id " + id + ": " + e, e);
        }
    }

    private static void checkFullyConsumed(BinaryDecoder decoder, int id) {
        try {
            if (!decoder.isEnd()) {
                // The writer's schema accounts for every byte; leftovers mean the bytes lie about their schema.
                throw new ConfluentException.InvalidPayload("trailing bytes after a record of schema id " + id, null);
            }
        } catch (IOException e) {
            throw new ConfluentException.InvalidPayload("unreadable payload of schema id " + id, e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> readerFor(int id) {
        Schema writer = client.schemaById(id);
        Class<?> readerType = type != null ? type : specificByName ? classNamed(writer.getFullName()) : null;
        if (readerType == null) {
            return new GenericDatumReader<>(writer, writer, AvroModels.GENERIC);
        }
        SpecificData model = SpecificData.getForClass(readerType);
        Schema reader = model.getSchema(readerType);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new ConfluentException.SchemaMismatch("writer schema " + writer.getFullName() + " (id " + id
                    + ") cannot be read as " + reader.getFullName() + ": " + compatibility.getDescription(), null);
        }
        DecimalCheck.mismatch(writer, reader).ifPresent(problem -> {
            throw new ConfluentException.SchemaMismatch("writer schema " + writer.getFullName() + " (id " + id
                    + ") cannot be read as " + reader.getFullName() + ": " + problem, null);
        });
        AvroModels.trustGeneratedTypesOf(reader);
        return (DatumReader<T>) model.createDatumReader(writer, reader);
    }

    private static Class<?> classNamed(String fullName) {
        try {
            return Class.forName(fullName);
        } catch (ClassNotFoundException e) {
            throw new ConfluentException.SchemaMismatch("no generated class " + fullName + " on the classpath", e);
        }
    }
}
