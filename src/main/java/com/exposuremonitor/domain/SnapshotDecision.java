package com.exposuremonitor.domain;

/** What to do with an incoming snapshot of a natural key, given the one already applied. */
public enum SnapshotDecision {
    /** Newer than the applied snapshot (or the first one): apply it. */
    APPLY,
    /** Same eventId and same content as the applied snapshot: a redelivery, ignore it. */
    DUPLICATE,
    /** Older than the applied snapshot: out-of-order delivery, ignore it. */
    STALE,
    /** Same eventId as the applied snapshot but different content: a producer bug, dead-letter it. */
    CONFLICT
}
