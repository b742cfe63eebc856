package com.exposuremonitor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The exposure-monitor command line: wires subcommands, nothing else. */
@Command(name = "exposure-monitor", mixinStandardHelpOptions = true, version = "exposure-monitor 0.1.0",
        description = "Live credit exposure of AI data-center financing, on Kafka Streams.",
        subcommands = {RunCommand.class, DemoCommand.class, ReplayCommand.class, ResetCommand.class, TopologyCommand.class,
                DeadLettersCommand.class, HealthCommand.class, RulesCommand.class, SchemaCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "com.exposuremonitor.avro");
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
