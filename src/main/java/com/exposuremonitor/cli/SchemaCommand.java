package com.exposuremonitor.cli;

import com.exposuremonitor.replay.EventKind;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.avro.SchemaFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints an input's Avro schema with every named type inline. The files in schemas/ refer to the enums of
 * schemas/common/ by name; this text can be registered as it is, by a producer in any language, without
 * registering the enums first.
 */
@Command(name = "schema", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ReplayCommand.USAGE,
        description = {
            "Print the Avro schema of an input kind, self-contained (enums inline), as the monitor reads it: what a "
                    + "producer registers under <topic>-value (docs/events.md)."})
final class SchemaCommand implements Callable<Integer> {
    @Parameters(paramLabel = "KIND", description = "financing, gpu-delivery, revenue-report or payment-delay.")
    String kind;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<EventKind> found = EventKind.fromJsonName(kind);
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("unknown kind '" + kind + "'; one of " + EventKind.jsonNames());
            return ReplayCommand.USAGE;
        }
        spec.commandLine().getOut().println(SchemaFormatter.format("json/pretty", found.get().schema()));
        return ReplayCommand.OK;
    }
}
