package com.exposuremonitor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for TLS tests, made with the JDK's own keytool: the registry's PKCS12 key store
 * (a certificate for 127.0.0.1 and localhost) with a trust store holding that certificate, and the same pair
 * for a client (mutual TLS). Every store and key has {@link #PASSWORD}.
 */
public record TestCertificates(Path serverKeyStore, Path serverTrustStore, Path clientKeyStore,
                               Path clientTrustStore) {
    public static final String PASSWORD = "test-store-pw";

    public static TestCertificates generate(Path dir) throws IOException, InterruptedException {
        Path server = pair(dir, "registry", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        Path client = pair(dir, "client", "CN=exposure-monitor", null);
        return new TestCertificates(server, trustStoreOf(dir, "registry"), client, trustStoreOf(dir, "client"));
    }

    private static Path pair(Path dir, String alias, String name, String extension)
            throws IOException, InterruptedException {
        Path store = dir.resolve(alias + ".p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", name, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args);
        keytool(List.of("-exportcert", "-alias", alias, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve(alias + ".crt").toString()));
        return store;
    }

    private static Path trustStoreOf(Path dir, String alias) throws IOException, InterruptedException {
        Path store = dir.resolve(alias + "-trust.p12");
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", dir.resolve(alias + ".crt").toString(),
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD));
        return store;
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(args);
        Path log = Files.createTempFile("keytool", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args.get(0) + " failed: " + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
