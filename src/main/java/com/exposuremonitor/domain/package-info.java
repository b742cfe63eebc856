/**
 * Pure domain of the exposure monitor (no Kafka): validation, snapshot ordering, the incremental
 * per-operator aggregate and the exposure arithmetic of docs/domain.md.
 *
 * <h2>How a stream processor uses it, per input event</h2>
 * <ol>
 *   <li>{@link com.exposuremonitor.domain.InputValidator#validate} (non-empty: dead-letter as VALIDATION).</li>
 *   <li>Look up the stored snapshot under {@link com.exposuremonitor.domain.NaturalKey#of} and call
 *       {@link com.exposuremonitor.domain.SnapshotVersion#decide}: APPLY, DUPLICATE/STALE (ignore),
 *       CONFLICT (dead-letter).</li>
 *   <li>On APPLY: {@code aggregate.replace(stored, incoming)}, store the incoming snapshot, then
 *       {@link com.exposuremonitor.domain.ExposureCalculator#compute}.</li>
 * </ol>
 * On a clock tick: {@code aggregate.advanceClock(now)}, recompute, and publish when
 * {@link com.exposuremonitor.domain.ExposureCalculator#sameFiguresIgnoringClock} is false (or only
 * when {@link com.exposuremonitor.domain.DelinquencyBucket#byCounterparty} changed).
 *
 * <h2>Choices where the domain is silent</h2>
 * <ul>
 *   <li>lastEventTime/lastEventId follow the newest applied event in {@code SnapshotVersion} order
 *       (not processing order), so any delivery order gives the same output; a clock tick moves
 *       only asOf, so asOf later than lastEventTime means the clock moved the exposure.</li>
 *   <li>A report's whole amounts are kept in each month it covers, grouped by report length; a window
 *       sum divides once per length, so it is exact (as the domain asks) and rounding happens once,
 *       on output.</li>
 *   <li>OPEN invoices with nothing outstanding are not past due.</li>
 *   <li>Backlog ties (same periodEnd and eventTime) go to the larger reportId; run-rate ties to the
 *       larger counterpartyId then reportId; delinquency ties to the larger overdue amount then
 *       counterpartyId; lender ties to lenderId then instrument.</li>
 *   <li>paybackYears is 0 when ebitda is positive but nothing is in service.</li>
 *   <li>Report periods must also lie within 1990-01-01..2200-01-01 (like maturities).</li>
 *   <li>eventTime must be on or after 2000-01-01T00:00Z and before 2100-01-01T00:00Z; date
 *       bounds (maturity, due date) are inclusive.</li>
 * </ul>
 */
package com.exposuremonitor.domain;
