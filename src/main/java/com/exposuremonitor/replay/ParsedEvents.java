package com.exposuremonitor.replay;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Everything read from a replay file: the events in file order and every rejected line. */
public record ParsedEvents(List<EventLine.Event> events, List<EventLine.Rejection> rejections) {

    public ParsedEvents {
        events = List.copyOf(events);
        rejections = List.copyOf(rejections);
    }

    /** The records of {@link #events()}, in file order. */
    public List<SpecificRecord> records() {
        return events.stream().map(EventLine.Event::record).toList();
    }

    public boolean hasRejections() {
        return !rejections.isEmpty();
    }
}
