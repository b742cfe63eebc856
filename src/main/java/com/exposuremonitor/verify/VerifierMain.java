package com.exposuremonitor.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the {@link Verifier} by hand against a cluster, without the picocli CLI:
 *
 * <pre>
 * java -cp target/exposure-monitor.jar com.exposuremonitor.verify.VerifierMain \
 *     --bootstrap-servers localhost:9092 --schema-registry-url http://localhost:8081 \
 *     --topic-prefix em. --application-id exposure-monitor [--stopped] [--kafka-config key=value ...]
 * </pre>
 *
 * {@code --stopped} also checks that no transaction of the application is left open (use it once every
 * instance has stopped). Prints the report; exit code 0 when it has no mismatch, 1 otherwise, 2 on usage.
 */
public final class VerifierMain {
    private VerifierMain() {
    }

    public static void main(String[] args) {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "com.exposuremonitor.avro");
        Map<String, String> options = new LinkedHashMap<>(Map.of("--bootstrap-servers", "localhost:9092",
                "--schema-registry-url", "http://localhost:8081", "--topic-prefix", "em.",
                "--application-id", "exposure-monitor"));
        Map<String, String> kafkaConfig = new LinkedHashMap<>();
        boolean stopped = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--stopped")) {
                stopped = true;
            } else if (arg.equals("--kafka-config") && i + 1 < args.length && args[i + 1].contains("=")) {
                String kv = args[++i];
                kafkaConfig.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            } else if (options.containsKey(arg) && i + 1 < args.length) {
                options.put(arg, args[++i]);
            } else {
                System.err.println("usage: VerifierMain [--bootstrap-servers B] [--schema-registry-url U] "
                        + "[--topic-prefix P] [--application-id A] [--stopped] [--kafka-config k=v]...; got " + arg);
                System.exit(2);
            }
        }
        Verifier verifier = new Verifier(options.get("--bootstrap-servers"), options.get("--schema-registry-url"),
                options.get("--topic-prefix"), options.get("--application-id"), kafkaConfig);
        VerifierReport report = stopped ? verifier.verifyStopped() : verifier.verify();
        System.out.println(report);
        System.exit(report.ok() ? 0 : 1);
    }
}
