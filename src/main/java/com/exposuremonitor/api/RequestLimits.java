package com.exposuremonitor.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** The limits every request is held to: its time ({@link Deadline}) and the size of its body. */
final class RequestLimits {
    private final ScheduledExecutorService timer;
    private final Duration time;
    private final long maxBody;

    RequestLimits(ScheduledExecutorService timer, Duration time, long maxBody) {
        this.timer = timer;
        this.time = time;
        this.maxBody = maxBody;
    }

    Deadline startClock() {
        return Deadline.start(timer, time);
    }

    /**
     * No endpoint takes a body, so a body is read and dropped, at most one byte past the limit: a declared
     * length over the limit is refused before reading anything, a chunked body once it passes the limit.
     * Reading it here, under the deadline, means a client that trickles its body is cut off by the deadline,
     * and nothing is left for the JDK to drain after the answer. False when 413 has been answered.
     */
    boolean admitBody(HttpExchange ex) throws IOException {
        if (declaredLength(ex) > maxBody) {
            return tooLarge(ex);
        }
        InputStream in = ex.getRequestBody();
        byte[] buffer = new byte[8192];
        long read = 0;
        for (int n; (n = in.read(buffer, 0, (int) Math.min(buffer.length - 1, maxBody - read) + 1)) != -1; ) {
            read += n;
            if (read > maxBody) {
                return tooLarge(ex);
            }
        }
        return true;
    }

    private static long declaredLength(HttpExchange ex) {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        try {
            return length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0; // then the body's actual length decides
        }
    }

    /**
     * The rest of the body is not read (the JDK drains at most 64 KiB of it, under the deadline), so the
     * connection cannot carry another request.
     */
    private boolean tooLarge(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Connection", "close");
        Replies.error(ex, 413, "request body too large: at most " + maxBody + " bytes (no endpoint takes a body)");
        return false;
    }
}
