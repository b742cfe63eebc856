package com.exposuremonitor.api;

import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stream of new exposure and alert changes. Subscribers are called on the feed's thread and must not
 * block (hand the value to a queue); an exception thrown by one subscriber does not reach the others.
 */
public interface FeedSource {
    Subscription subscribeExposures(Consumer<OperatorExposure> subscriber);

    Subscription subscribeAlerts(Consumer<DefaultRiskAlert> subscriber);

    /** The newest alert changes seen since start, oldest first (bounded). */
    default List<DefaultRiskAlert> recentAlerts() {
        return List.of();
    }

    /** Why the source stopped delivering for good (its reader died), or empty while it works. */
    default java.util.Optional<String> failure() {
        return java.util.Optional.empty();
    }

    /** A source that never delivers anything. */
    static FeedSource none() {
        return new FeedHub(0);
    }
}
