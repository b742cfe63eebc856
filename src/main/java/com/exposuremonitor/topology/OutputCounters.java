package com.exposuremonitor.topology;

import com.exposuremonitor.avro.DefaultRiskAlert;

/**
 * What the topology tells the instance's metrics about its outputs as they are produced. Counted when a
 * record is handed to its sink, so a task that is retried after a crash may count a record twice; the
 * topics themselves stay exactly-once.
 */
public interface OutputCounters {
    OutputCounters NONE = new OutputCounters() {
        @Override
        public void deadLetter(String errorType) {
        }

        @Override
        public void alert(DefaultRiskAlert alert) {
        }
    };

    void deadLetter(String errorType);

    void alert(DefaultRiskAlert alert);
}
