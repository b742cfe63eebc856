package com.exposuremonitor.confluent;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Avro's reader/writer resolution ignores a decimal's scale: bytes written at scale 4 and read at scale 2
 * come out 100 times too large, silently. This walks the two schemas side by side and names the first
 * decimal whose scale differs, or whose written precision exceeds what the reader holds.
 */
final class DecimalCheck {
    private DecimalCheck() {
    }

    static Optional<String> mismatch(Schema writer, Schema reader) {
        return mismatch(writer, reader, "", new HashSet<>());
    }

    private static Optional<String> mismatch(Schema writer, Schema reader, String path, Set<String> seen) {
        Optional<String> here = decimals(writer, reader, path);
        if (here.isPresent()) {
            return here;
        }
        return switch (reader.getType()) {
            case RECORD -> records(writer, reader, path, seen);
            case ARRAY -> writer.getType() == Schema.Type.ARRAY
                    ? mismatch(writer.getElementType(), reader.getElementType(), path + "[]", seen) : Optional.empty();
            case MAP -> writer.getType() == Schema.Type.MAP
                    ? mismatch(writer.getValueType(), reader.getValueType(), path + "{}", seen) : Optional.empty();
            case UNION -> unions(writer, reader, path, seen);
            default -> writer.getType() == Schema.Type.UNION ? unions(writer, reader, path, seen) : Optional.empty();
        };
    }

    private static Optional<String> records(Schema writer, Schema reader, String path, Set<String> seen) {
        if (writer.getType() != Schema.Type.RECORD || !seen.add(writer.getFullName() + "/" + reader.getFullName())) {
            return writer.getType() == Schema.Type.UNION ? unions(writer, reader, path, seen) : Optional.empty();
        }
        for (Schema.Field field : reader.getFields()) {
            Schema.Field written = writer.getField(field.name());
            if (written != null) {
                String at = path.isEmpty() ? field.name() : path + "." + field.name();
                Optional<String> found = mismatch(written.schema(), field.schema(), at, seen);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Every branch pair of the same type: a nullable decimal is a union of null and the decimal. */
    private static Optional<String> unions(Schema writer, Schema reader, String path, Set<String> seen) {
        for (Schema w : branches(writer)) {
            for (Schema r : branches(reader)) {
                if (w.getType() == r.getType() && w.getType() != Schema.Type.NULL) {
                    Optional<String> found = mismatch(w, r, path, seen);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Iterable<Schema> branches(Schema schema) {
        return schema.getType() == Schema.Type.UNION ? schema.getTypes() : java.util.List.of(schema);
    }

    private static Optional<String> decimals(Schema writer, Schema reader, String path) {
        LogicalType w = writer.getLogicalType();
        LogicalType r = reader.getLogicalType();
        if (!(r instanceof LogicalTypes.Decimal read) || !(w instanceof LogicalTypes.Decimal written)) {
            return Optional.empty();
        }
        if (written.getScale() != read.getScale()) {
            return Optional.of("decimal " + path + " is written at scale " + written.getScale() + " but read at scale "
                    + read.getScale() + ": its values would be read " + tenTo(written.getScale() - read.getScale())
                    + " off");
        }
        if (written.getPrecision() > read.getPrecision()) {
            return Optional.of("decimal " + path + " is written with precision " + written.getPrecision()
                    + ", more than the " + read.getPrecision() + " digits it is read with");
        }
        return Optional.empty();
    }

    private static String tenTo(int exponent) {
        String factor = "1" + "0".repeat(Math.abs(exponent));
        return exponent > 0 ? factor + " times too large" : factor + " times too small";
    }
}
