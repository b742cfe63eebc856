/**
 * Replay files: JSON lines of input events (one {@code kind} per line) that the demo and tests
 * feed to the monitor, and the bundled AI data-center scenario.
 *
 * <ul>
 *   <li>{@link com.exposuremonitor.replay.JsonEvents}: parse / read / write the format, rejecting a bad
 *       line with its number and reason (including {@code InputValidator}'s) and never stopping early.</li>
 *   <li>{@link com.exposuremonitor.replay.Scenario}: the bundled scenario and whole-month time shifts so a
 *       story can be replayed "ending now".</li>
 * </ul>
 */
package com.exposuremonitor.replay;
