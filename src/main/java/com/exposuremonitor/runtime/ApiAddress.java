package com.exposuremonitor.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Where the HTTP API can be reached from elsewhere, and whether binding it as configured leaves it open. */
public final class ApiAddress {
    /** Bind addresses that mean "every interface": none of them is an address a peer can call back. */
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "*");

    private ApiAddress() {
    }

    /** The host this instance advertises, for these settings and this machine. */
    public static String advertised(MonitorSettings s) {
        return advertised(s.advertisedHost(), s.httpHost(), ApiAddress::machineHostname);
    }

    /**
     * {@code configured} when set; else the bind host, unless that is a wildcard: then the machine's
     * hostname, because {@code localhost} would make every peer forward requests to itself.
     */
    static String advertised(String configured, String bindHost, Supplier<String> hostname) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        if (!isWildcard(bindHost)) {
            return bindHost;
        }
        String name = hostname.get();
        if (name == null || name.isBlank() || name.toLowerCase(Locale.ROOT).startsWith("localhost")) {
            throw new IllegalArgumentException("the HTTP API binds " + bindHost + " and this machine's hostname ("
                    + name + ") is no address other instances can reach; set --advertised-host (EM_ADVERTISED_HOST)");
        }
        return name;
    }

    /**
     * A warning when the API answers on a non-loopback address without a bearer token: anyone who can
     * reach the port reads every exposure.
     */
    public static Optional<String> unprotectedWarning(String bindHost, String apiToken) {
        if (apiToken != null && !apiToken.isEmpty() || isLoopback(bindHost)) {
            return Optional.empty();
        }
        return Optional.of("the HTTP API binds " + bindHost + " without --api-token (EM_API_TOKEN): anyone who "
                + "can reach its port reads every exposure and alert; set a token or bind 127.0.0.1");
    }

    /** True for a bind address that means every interface (or none given). */
    public static boolean isWildcard(String host) {
        return host == null || host.isBlank() || WILDCARDS.contains(host.strip());
    }

    private static boolean isLoopback(String host) {
        if (isWildcard(host)) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // binding will fail with its own message
        }
    }

    private static String machineHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // The hostname is set but does not resolve here; peers may still resolve it (container DNS).
            return System.getenv("HOSTNAME");
        }
    }
}
