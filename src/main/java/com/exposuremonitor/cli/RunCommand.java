package com.exposuremonitor.cli;

import com.exposuremonitor.runtime.Monitor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Attaches the monitor to an existing Kafka cluster and schema registry and runs until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the monitor against your Kafka cluster and schema registry.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Override
    public Integer call() throws InterruptedException {
        ShutdownSignal shutdown = new ShutdownSignal();
        try (Monitor monitor = Monitor.start(options.toSettings())) {
            System.out.println("exposure-monitor running, HTTP API at " + monitor.url() + "; Ctrl-C to stop");
            shutdown.awaitRequest();
        } finally {
            System.out.println("exposure-monitor stopped");
            shutdown.completed();
        }
        return 0;
    }
}
