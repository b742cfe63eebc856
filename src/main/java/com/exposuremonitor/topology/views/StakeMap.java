package com.exposuremonitor.topology.views;

import java.util.Map;
import java.util.TreeMap;

/**
 * One operator's stakes by counterparty or lender, as last sent: the fan-out's index, so only the stakes
 * that changed go on. (A view's book is one entry per (view, operator), see {@link ViewProcessor}.)
 */
public record StakeMap<S>(Map<String, S> stakes) {
    public StakeMap {
        stakes = new TreeMap<>(stakes);
    }
}
