package com.exposuremonitor.cli;

import com.exposuremonitor.runtime.Monitor;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
        CountDownLatch stopped = new CountDownLatch(1);
        try (Monitor monitor = Monitor.start(options.toSettings())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "shutdown"));
            System.out.println("exposure-monitor running; Ctrl-C to stop");
            stopped.await();
        }
        return 0;
    }
}
