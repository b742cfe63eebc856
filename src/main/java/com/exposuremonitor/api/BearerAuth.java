package com.exposuremonitor.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Checks {@code Authorization: Bearer <token>} in constant time (digests compared, so lengths leak nothing). */
final class BearerAuth {
    private final byte[] expected;

    BearerAuth(String token) {
        this.expected = token == null || token.isEmpty() ? null : sha256(token);
    }

    boolean enabled() {
        return expected != null;
    }

    boolean permits(String authorization) {
        if (expected == null) {
            return true;
        }
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(authorization.substring(7).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
