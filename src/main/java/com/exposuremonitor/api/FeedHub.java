package com.exposuremonitor.api;

import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fan-out behind a feed: whoever consumes the changes publishes them here (Kafka, or a test). */
public final class FeedHub implements FeedSource {
    private static final Logger LOG = LoggerFactory.getLogger(FeedHub.class);
    private final List<Consumer<OperatorExposure>> exposureSubscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<DefaultRiskAlert>> alertSubscribers = new CopyOnWriteArrayList<>();
    private final Deque<DefaultRiskAlert> recent = new ArrayDeque<>();
    private final int keepRecent;

    public FeedHub(int keepRecent) {
        this.keepRecent = keepRecent;
    }

    @Override
    public Subscription subscribeExposures(Consumer<OperatorExposure> subscriber) {
        return register(exposureSubscribers, subscriber);
    }

    @Override
    public Subscription subscribeAlerts(Consumer<DefaultRiskAlert> subscriber) {
        return register(alertSubscribers, subscriber);
    }

    @Override
    public synchronized List<DefaultRiskAlert> recentAlerts() {
        return new ArrayList<>(recent);
    }

    public void publishExposure(OperatorExposure exposure) {
        deliver(exposureSubscribers, exposure);
    }

    public void publishAlert(DefaultRiskAlert alert) {
        remember(alert);
        deliver(alertSubscribers, alert);
    }

    public int subscriberCount() {
        return exposureSubscribers.size() + alertSubscribers.size();
    }

    private synchronized void remember(DefaultRiskAlert alert) {
        if (keepRecent <= 0) {
            return;
        }
        if (recent.size() == keepRecent) {
            recent.removeFirst();
        }
        recent.addLast(alert);
    }

    private static <T> Subscription register(List<Consumer<T>> subscribers, Consumer<T> subscriber) {
        Consumer<T> own = subscriber::accept; // a distinct object per registration, so close removes only it
        subscribers.add(own);
        return () -> subscribers.remove(own);
    }

    private static <T> void deliver(List<Consumer<T>> subscribers, T value) {
        for (Consumer<T> subscriber : subscribers) {
            try {
                subscriber.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("feed subscriber failed: {}", e.toString());
            }
        }
    }
}
