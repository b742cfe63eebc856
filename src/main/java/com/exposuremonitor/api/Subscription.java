package com.exposuremonitor.api;

/** A registration with a {@link FeedSource}; closing it stops the deliveries. Idempotent. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
