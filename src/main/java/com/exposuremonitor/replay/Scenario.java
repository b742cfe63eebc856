package com.exposuremonitor.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Helpers for replaying a scenario: loading a bundled one and moving it in time.
 *
 * <p>{@link #shiftMonths} moves every eventTime and every business date by a whole number of
 * calendar months with {@code plusMonths} (UTC), so reports stay on whole months: periodStart stays
 * the 1st and periodEnd is recomputed as the last day of its month. {@code plusMonths} clamps a day
 * that does not exist in the target month (31 March + 1 month = 30 April), so two instants on days
 * 29-31 of a month can collapse onto the same day; the bundled scenario keeps every eventTime on a
 * day at most 28 so its order survives any shift. Days past due can move by a day or two, because
 * months differ in length.
 */
public final class Scenario {

    /** Classpath location of the bundled story of docs/domain.md. */
    public static final String AI_DATACENTERS = "scenarios/ai-datacenters.jsonl";

    private Scenario() {
    }

    /** The bundled AI data-center scenario, parsed. */
    public static ParsedEvents aiDatacenters() {
        return resource(AI_DATACENTERS);
    }

    /** Parses a replay file from the classpath (a path like {@code scenarios/x.jsonl}). */
    public static ParsedEvents resource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        InputStream in = Scenario.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new NoSuchElementException("no replay file on the classpath at " + path);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return JsonEvents.read(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Copies of the events with every eventTime and date field moved by {@code months} calendar
     * months (negative moves back). The input records are left unchanged.
     */
    public static List<SpecificRecord> shiftMonths(List<? extends SpecificRecord> events, long months) {
        return events.stream().map(e -> shift(e, months)).toList();
    }

    /** One event moved by {@code months} calendar months; see {@link #shiftMonths}. */
    public static SpecificRecord shift(SpecificRecord event, long months) {
        EventKind kind = EventKind.of(event);
        SpecificRecord copy = kind.newRecord();
        for (Schema.Field field : kind.schema().getFields()) {
            copy.put(field.pos(), shifted(field, event.get(field.pos()), months));
        }
        return copy;
    }

    /**
     * The whole number of months to shift the events by so that the latest eventTime lands as
     * late as possible but not after {@code now} (0 for no events).
     */
    public static long monthsToEndBy(List<? extends SpecificRecord> events, Instant now) {
        Instant latest = events.stream().map(Scenario::eventTime).max(Instant::compareTo).orElse(null);
        if (latest == null) {
            return 0;
        }
        ZonedDateTime from = latest.atZone(ZoneOffset.UTC);
        ZonedDateTime to = now.atZone(ZoneOffset.UTC);
        long months = ChronoUnit.MONTHS.between(from, to);
        // MONTHS.between truncates towards zero; going backwards we need one month more.
        while (from.plusMonths(months).isAfter(to)) {
            months--;
        }
        while (!from.plusMonths(months + 1).isAfter(to)) {
            months++;
        }
        return months;
    }

    /** The events shifted so that the story ends at most one month before {@code now}. */
    public static List<SpecificRecord> endingBy(List<? extends SpecificRecord> events, Instant now) {
        return shiftMonths(events, monthsToEndBy(events, now));
    }

    /** The eventTime of an input event. */
    public static Instant eventTime(SpecificRecord event) {
        EventKind kind = EventKind.of(event);
        return (Instant) event.get(kind.schema().getField("eventTime").pos());
    }

    private static Object shifted(Schema.Field field, Object value, long months) {
        if (value instanceof Instant instant) {
            return instant.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
        }
        if (value instanceof LocalDate date) {
            LocalDate moved = date.plusMonths(months);
            return isPeriodEnd(field) ? moved.withDayOfMonth(moved.lengthOfMonth()) : moved;
        }
        return value;
    }

    private static boolean isPeriodEnd(Schema.Field field) {
        return "periodEnd".equals(field.name()) && field.schema().getLogicalType() instanceof LogicalTypes.Date;
    }
}
