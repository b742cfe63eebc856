package com.exposuremonitor.confluent;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The registry's URLs as one client uses them: every request goes to the current one; when it fails (no
 * connection, a timeout, a 5xx) the next request goes to the next one, round the list. The client stays on a
 * URL that answers, as Confluent's does. Shared by the threads of one client.
 */
final class RegistryUrls {
    private final List<URI> urls;
    private final AtomicInteger current = new AtomicInteger();

    RegistryUrls(List<URI> urls) {
        this.urls = List.copyOf(urls);
    }

    URI current() {
        return urls.get(current.get());
    }

    /** Moves on from {@code failed}, unless another thread already did. */
    void failed(URI failed) {
        int index = urls.indexOf(failed);
        if (index >= 0) {
            current.compareAndSet(index, (index + 1) % urls.size());
        }
    }

    /** More than one URL: a failure of one is worth trying the next. */
    boolean alternatives() {
        return urls.size() > 1;
    }

    /** The URLs, without user info. */
    @Override
    public String toString() {
        return urls.stream().map(URI::toString).collect(Collectors.joining(","));
    }
}
