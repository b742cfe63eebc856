package com.exposuremonitor.cli;

import com.exposuremonitor.topology.TopologyDescriptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the topology descriptions, or rewrites the golden files under topologies/. */
@Command(name = "topology", mixinStandardHelpOptions = true,
        description = "Print the topology descriptions, or regenerate the golden files with --write.")
final class TopologyCommand implements Callable<Integer> {
    @Option(names = "--write", description = "Write the descriptions to DIR instead of printing them.",
            paramLabel = "DIR", arity = "0..1", fallbackValue = "topologies")
    Path writeTo;

    @Override
    public Integer call() throws Exception {
        if (writeTo != null) {
            TopologyDescriptions.write(writeTo);
            System.out.println("wrote " + TopologyDescriptions.all().keySet() + " to " + writeTo);
        } else {
            TopologyDescriptions.all().forEach((name, text) -> System.out.println("# " + name + "\n" + text));
        }
        return 0;
    }
}
