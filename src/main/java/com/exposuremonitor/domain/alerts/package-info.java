/**
 * Default-risk alert rules of docs/domain.md as a pure engine (no Kafka): rule definitions and their
 * run-time overrides, the figure of each operator rule, and the alert lifecycle (RAISED,
 * ESCALATED, DEESCALATED, RESOLVED) with hysteresis.
 *
 * <h2>How a stream processor uses it</h2>
 * <ul>
 *   <li>Rules topic (AlertRule, keyed by rule name): dead-letter when
 *       {@link com.exposuremonitor.domain.alerts.RuleDefinition#problems} is non-empty or the key
 *       differs from {@code rule}; ignore a version not greater than the one in force; otherwise
 *       store {@link com.exposuremonitor.domain.alerts.RuleDefinition#from}. Rules in force start
 *       from {@link com.exposuremonitor.domain.alerts.RuleDefinition#defaults}.</li>
 *   <li>Exposure topic: load the subject's {@link com.exposuremonitor.domain.alerts.AlertBook}
 *       (new one if absent), call {@link com.exposuremonitor.domain.alerts.AlertEngine#evaluate},
 *       and when alerts come back, store the book and forward them keyed by subjectId. An empty
 *       result leaves the book unchanged, so nothing needs storing.</li>
 * </ul>
 *
 * <h2>Choices where docs/domain.md is silent</h2>
 * <ul>
 *   <li>Hysteresis relaxes a raised severity's threshold by its amount (BELOW rules hold while
 *       figure &lt; threshold + h, ABOVE rules while figure &gt;= threshold - h); raising and
 *       escalating use the plain thresholds.</li>
 *   <li>The threshold of a DEESCALATED event is the CRITICAL one (the threshold crossed back).</li>
 *   <li>NaN or infinite figures count as absent. A rule missing from the rules map leaves its
 *       alerts as they are (only a disabled rule resolves them).</li>
 *   <li>An AlertState is kept after it resolves, so the sequence in alertIds never repeats.</li>
 *   <li>STRESS_BREACH counts stressed DSCRs below the fixed 1.0 of docs/domain.md, not DSCR_LOW's
 *       configurable CRITICAL threshold.</li>
 * </ul>
 */
package com.exposuremonitor.domain.alerts;
