package com.exposuremonitor.embedded;

/** An error answer of the embedded registry, shaped like Confluent's: HTTP status, error_code, message. */
final class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int httpStatus;
    final int errorCode;

    RegistryException(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }
}
