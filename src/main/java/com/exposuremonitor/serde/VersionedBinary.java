package com.exposuremonitor.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The compact binary form of the monitor's internal (never published) store and repartition values: a
 * format-version byte, then fields written with {@link DataOutput}. A reader refuses a version it does
 * not know rather than misread it. Exact decimals and nullable ratios have one encoding here, shared by
 * every internal codec.
 */
public final class VersionedBinary {
    /** Writes a value's fields. */
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a value's fields back. */
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Reads a value's fields back, knowing the format version it was written in. */
    public interface VersionedReader<T> {
        T read(byte version, DataInputStream in) throws IOException;
    }

    private VersionedBinary() {
    }

    public static byte[] encode(byte version, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @param what the value's name in error messages, e.g. "alert book" */
    public static <T> T decode(byte[] bytes, byte version, String what, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte found = in.readByte();
            if (found != version) {
                throw new SerializationException("unknown " + what + " format " + found);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException("corrupt " + what, e);
        }
    }

    /** As {@link #decode(byte[], byte, String, Reader)}, reading any version from {@code oldest} to {@code newest}. */
    public static <T> T decode(byte[] bytes, byte oldest, byte newest, String what, VersionedReader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte found = in.readByte();
            if (found < oldest || found > newest) {
                throw new SerializationException("unknown " + what + " format " + found);
            }
            return reader.read(found, in);
        } catch (IOException e) {
            throw new SerializationException("corrupt " + what, e);
        }
    }

    /** An exact decimal (scale and unscaled value), or null. */
    public static void writeDecimal(DataOutput out, BigDecimal value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            byte[] unscaled = value.unscaledValue().toByteArray();
            out.writeInt(value.scale());
            out.writeShort(unscaled.length);
            out.write(unscaled);
        }
    }

    public static BigDecimal readDecimal(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readShort()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    /** A ratio, or null (a figure without a divisor). */
    public static void writeRatio(DataOutput out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    public static Double readRatio(DataInput in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
