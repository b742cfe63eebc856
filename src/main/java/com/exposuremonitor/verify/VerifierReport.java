package com.exposuremonitor.verify;

import java.util.List;

/**
 * What the {@link Verifier} found: the figures it compared and every mismatch, one sentence each. The
 * monitor lost or double-counted nothing exactly when {@link #ok()}.
 *
 * @param inputRecords        committed records on the four input topics
 * @param validEvents         of those, records the monitor must use (decodable, valid, keyed right, not a
 *                            conflicting eventId reuse); exact duplicates and stale snapshots included
 * @param expectedDeadLetters of those, records the monitor must send to the dead letters
 * @param deadLetters         dead letters of input records found on the dead-letter topic
 * @param operators           operators with an expected final exposure
 * @param feedRecords         records on the live-feed topic
 * @param alerts              records on the alerts topic
 * @param activeAlerts        alerts in the expected final active set
 * @param inputLag            input records not yet consumed by the application (its committed offsets)
 * @param openTransactions    transactions of the application still open (checked only when asked)
 * @param mismatches          every difference found; empty when the outputs are exactly right
 */
public record VerifierReport(int inputRecords, int validEvents, int expectedDeadLetters, int deadLetters,
                             int operators, int feedRecords, int alerts, int activeAlerts, long inputLag,
                             int openTransactions, List<String> mismatches) {
    private static final int SHOWN = 40;

    public VerifierReport {
        mismatches = List.copyOf(mismatches);
    }

    public boolean ok() {
        return mismatches.isEmpty();
    }

    /** The figures on one line, e.g. for a test log. */
    public String summary() {
        return "inputRecords=" + inputRecords + " validEvents=" + validEvents + " expectedDeadLetters="
                + expectedDeadLetters + " deadLetters=" + deadLetters + " operators=" + operators + " feedRecords="
                + feedRecords + " alerts=" + alerts + " activeAlerts=" + activeAlerts + " inputLag=" + inputLag
                + " openTransactions=" + openTransactions + " mismatches=" + mismatches.size();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(summary());
        mismatches.stream().limit(SHOWN).forEach(m -> out.append(System.lineSeparator()).append("  - ").append(m));
        if (mismatches.size() > SHOWN) {
            out.append(System.lineSeparator()).append("  ... and ").append(mismatches.size() - SHOWN).append(" more");
        }
        return out.toString();
    }
}
