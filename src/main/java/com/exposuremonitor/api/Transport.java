package com.exposuremonitor.api;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The JDK server, plain HTTP or, with a keystore, HTTPS only (a plain request to that port fails). */
final class Transport {
    private Transport() {
    }

    static HttpServer bind(InetSocketAddress address, int backlog, HttpSettings settings) throws IOException {
        if (!settings.tls()) {
            return HttpServer.create(address, backlog);
        }
        HttpsServer server = HttpsServer.create(address, backlog);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext(settings)));
        return server;
    }

    static String scheme(HttpSettings settings) {
        return settings.tls() ? "https" : "http";
    }

    /** Messages name the file, never the password. */
    private static SSLContext sslContext(HttpSettings settings) throws IOException {
        char[] password = settings.tlsKeystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(settings.tlsKeystore()))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot use the TLS keystore " + settings.tlsKeystore() + ": " + e, e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
