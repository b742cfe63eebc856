package com.exposuremonitor.topology.views;

/**
 * A change of one operator's stake in one view; {@code stake} null means the operator no longer counts
 * there. Keyed by the view's id (counterpartyId or lenderId) on the repartition topic.
 */
public record StakeChange<S>(String operatorId, S stake) {
}
