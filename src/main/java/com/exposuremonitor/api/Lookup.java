package com.exposuremonitor.api;

/**
 * The outcome of an interactive query: the value, nothing under that key, the key's owner being another
 * instance (answer from there), or the store not queryable right now (rebalancing, restoring).
 * The HTTP layer maps these to 200, 404, a forwarded call, and 503.
 */
public sealed interface Lookup<T> {
    record Found<T>(T value) implements Lookup<T> {
    }

    record NotFound<T>(String what) implements Lookup<T> {
    }

    record Remote<T>(String host, int port) implements Lookup<T> {
    }

    record Unavailable<T>(String reason) implements Lookup<T> {
    }
}
