package com.exposuremonitor.api;

import java.io.IOException;
import java.util.List;

/** Two HTTP APIs on loopback sharing one token, each told the other is its peer: a two-instance cluster. */
record TwoInstances(HttpApi a, HttpApi b) implements AutoCloseable {

    static TwoInstances start(String token, FakeBackend backendA, FakeBackend backendB) throws IOException {
        HttpApi a = HttpApi.start("127.0.0.1", 0, token, backendA);
        HttpApi b = HttpApi.start("127.0.0.1", 0, token, backendB);
        backendA.others = List.of("127.0.0.1:" + b.port());
        backendB.others = List.of("127.0.0.1:" + a.port());
        return new TwoInstances(a, b);
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
