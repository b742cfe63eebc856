package com.exposuremonitor.topology.views;

import java.util.Map;
import java.util.TreeMap;

/**
 * Stakes by id: per operator, its stakes by counterparty or lender as last sent (the fan-out's index);
 * per counterparty or lender, every operator's stake (the view's book).
 */
public record StakeMap<S>(Map<String, S> stakes) {
    public StakeMap {
        stakes = new TreeMap<>(stakes);
    }
}
