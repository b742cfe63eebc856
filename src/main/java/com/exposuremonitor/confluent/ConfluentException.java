package com.exposuremonitor.confluent;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Base of every error this package raises. It extends Kafka's {@link SerializationException} so that
 * clients and Kafka Streams' deserialization handlers treat it as a bad record, not a crash.
 */
public sealed class ConfluentException extends SerializationException
        permits ConfluentException.UnknownMagicByte, ConfluentException.UnknownSchemaId,
                ConfluentException.TruncatedPayload, ConfluentException.InvalidPayload,
                ConfluentException.RegistryUnavailable, ConfluentException.RegistryRefused,
                ConfluentException.IncompatibleSchema, ConfluentException.SchemaMismatch,
                ConfluentException.RegistryError {

    private static final long serialVersionUID = 1L;

    ConfluentException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when the registry, not the record, is at fault: the record must then be retried, never
     * dead-lettered.
     */
    public boolean registryFault() {
        return false;
    }

    /** The registry fault in an exception's cause chain, if there is one. */
    public static java.util.Optional<ConfluentException> registryFaultIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfluentException c && c.registryFault()) {
                return java.util.Optional.of(c);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    /** The first byte is not the Confluent magic byte 0: the bytes were not written by a Confluent serializer. */
    public static final class UnknownMagicByte extends ConfluentException {
        private static final long serialVersionUID = 1L;
        public UnknownMagicByte(int found) {
            super("unknown magic byte " + found + ": expected 0 (Confluent wire format)", null);
        }
    }

    /** The registry has no schema under the id the bytes name. */
    public static final class UnknownSchemaId extends ConfluentException {
        private static final long serialVersionUID = 1L;
        private final int schemaId;
        public UnknownSchemaId(int schemaId, String registryMessage) {
            super("unknown schema id " + schemaId + ": " + registryMessage, null);
            this.schemaId = schemaId;
        }
        public int schemaId() {
            return schemaId;
        }
    }

    /** The payload ends before the header or the Avro record is complete. */
    public static final class TruncatedPayload extends ConfluentException {
        private static final long serialVersionUID = 1L;
        public TruncatedPayload(String detail, Throwable cause) {
            super("truncated payload: " + detail, cause);
        }
    }

    /** The bytes carry a valid header but no valid Avro record of the writer's schema. */
    public static final class InvalidPayload extends ConfluentException {
        private static final long serialVersionUID = 1L;
        public InvalidPayload(String detail, Throwable cause) {
            super("invalid Avro payload: " + detail, cause);
        }
    }

    /** The registry could not be reached, or kept failing, after the bounded retries. */
    public static final class RegistryUnavailable extends ConfluentException {
        private static final long serialVersionUID = 1L;
        public RegistryUnavailable(String detail, Throwable cause) {
            super("schema registry unavailable: " + detail, cause);
        }
        @Override
        public boolean registryFault() {
            return true;
        }
    }

    /**
     * The registry answers, but refuses the client for good (HTTP 401/403, or a 404 that is not the
     * registry's "schema not found", i.e. a wrong URL), or no TLS connection can be made with the settings
     * given (an untrusted certificate; {@link #httpStatus()} 0): retrying will not help, a person must act.
     */
    public static final class RegistryRefused extends ConfluentException {
        private static final long serialVersionUID = 1L;
        private final int httpStatus;
        public RegistryRefused(int httpStatus, String detail) {
            super("schema registry refused the request (HTTP " + httpStatus + "): " + detail, null);
            this.httpStatus = httpStatus;
        }
        /** A TLS handshake that failed for good. */
        public RegistryRefused(String tlsProblem, Throwable cause) {
            super("no TLS connection to the schema registry: " + tlsProblem, cause);
            this.httpStatus = 0;
        }
        public int httpStatus() {
            return httpStatus;
        }
        @Override
        public boolean registryFault() {
            return true;
        }
    }

    /** The registry refused a schema as incompatible with the subject's earlier versions (HTTP 409). */
    public static final class IncompatibleSchema extends ConfluentException {
        private static final long serialVersionUID = 1L;
        public IncompatibleSchema(String subject, String registryMessage) {
            super("schema incompatible with subject " + subject + ": " + registryMessage, null);
        }
    }

    /** The writer's schema cannot be read as the expected record type (e.g. a record of another topic). */
    public static final class SchemaMismatch extends ConfluentException {
        private static final long serialVersionUID = 1L;
        public SchemaMismatch(String detail, Throwable cause) {
            super(detail, cause);
        }
    }

    /** Any other error answer of the registry, with its {@code error_code} and message. */
    public static final class RegistryError extends ConfluentException {
        private static final long serialVersionUID = 1L;
        private final int httpStatus;
        private final int errorCode;
        public RegistryError(int httpStatus, int errorCode, String message) {
            super("schema registry error " + errorCode + " (HTTP " + httpStatus + "): " + message, null);
            this.httpStatus = httpStatus;
            this.errorCode = errorCode;
        }
        public int httpStatus() {
            return httpStatus;
        }
        public int errorCode() {
            return errorCode;
        }
    }
}
