package com.exposuremonitor.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Collects validation problems, one human-actionable sentence each, naming the field. */
final class Checks {

    static final BigDecimal MONEY_LIMIT = new BigDecimal("1E15");
    /** Besides ASCII letters and digits, the characters an id (resp. an eventId) may contain. */
    private static final String ID = "._-";
    private static final String EVENT_ID = "._:-";
    private static final Instant EVENT_TIME_MIN = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant EVENT_TIME_MAX = Instant.parse("2100-01-01T00:00:00Z");

    private final List<String> problems = new ArrayList<>();

    List<String> problems() {
        return List.copyOf(problems);
    }

    void fail(String problem) {
        problems.add(problem);
    }

    boolean present(String field, Object value) {
        if (value == null) {
            fail(field + " is missing");
        }
        return value != null;
    }

    void id(String field, String value) {
        identifier(field, value, 64, ID, "letters, digits, '.', '_' and '-'");
    }

    void eventId(String value) {
        identifier("eventId", value, 128, EVENT_ID, "letters, digits, '.', '_', '-' and ':'");
    }

    private void identifier(String field, String value, int max, String extra, String allowed) {
        if (!present(field, value)) {
            return;
        }
        if (value.isBlank()) {
            fail(field + " must not be blank");
        } else if (value.length() > max) {
            fail(field + " must be at most " + max + " characters, got " + value.length());
        } else if (!onlyFrom(value, extra)) {
            fail(field + " '" + value + "' may only contain " + allowed);
        }
    }

    /** A loop, not a regex: every input event checks several ids, so this is on the hot path. */
    private static boolean onlyFrom(String value, String extra) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || extra.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    void text(String field, String value, int max) {
        if (present(field, value) && value.length() > max) {
            fail(field + " must be at most " + max + " characters, got " + value.length());
        }
    }

    void eventTime(Instant value) {
        if (present("eventTime", value) && (value.isBefore(EVENT_TIME_MIN) || !value.isBefore(EVENT_TIME_MAX))) {
            fail("eventTime " + value + " must be on or after " + EVENT_TIME_MIN + " and before " + EVENT_TIME_MAX);
        }
    }

    /** Money is >= 0 (or > 0 when strictly positive is asked) and below 10^15 USD. */
    void money(String field, BigDecimal value, boolean strictlyPositive) {
        if (!present(field, value)) {
            return;
        }
        if (strictlyPositive && value.signum() <= 0) {
            fail(field + " must be > 0, got " + value.toPlainString());
        } else if (value.signum() < 0) {
            fail(field + " must be >= 0, got " + value.toPlainString());
        } else if (value.compareTo(MONEY_LIMIT) >= 0) {
            fail(field + " must be below 10^15 USD, got an absurd " + value.toPlainString());
        }
    }

    void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            fail(field + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    void dateBetween(String field, LocalDate value, LocalDate min, LocalDate max) {
        if (present(field, value) && (value.isBefore(min) || value.isAfter(max))) {
            fail(field + " " + value + " must be between " + min + " and " + max);
        }
    }
}
