package com.exposuremonitor.api;

import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Method and token checks, then one small handler per endpoint. */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final SseStreams.Framing<OperatorExposure> EXPOSURE = new SseStreams.Framing<>("exposure",
            e -> e.getOperatorId() + ":" + e.getAsOf().toEpochMilli());
    private static final SseStreams.Framing<DefaultRiskAlert> ALERT =
            new SseStreams.Framing<>("alert", DefaultRiskAlert::getAlertId);
    private final ApiBackend backend;
    private final BearerAuth auth;
    private final Views views;
    private final SseStreams streams;
    private final byte[] openApi;
    private final RequestLimits limits;

    Router(ApiBackend backend, BearerAuth auth, Views views, SseStreams streams, byte[] openApi,
           RequestLimits limits) {
        this.backend = backend;
        this.auth = auth;
        this.views = views;
        this.streams = streams;
        this.openApi = openApi;
        this.limits = limits;
    }

    @Override
    public void handle(HttpExchange ex) {
        Deadline deadline = limits.startClock();
        try {
            if (limits.admitBody(ex)) {
                route(ex, Request.of(ex));
            }
        } catch (Deadline.Exceeded e) {
            answerLate(ex, deadline);
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
            ex.close();
        } catch (RuntimeException e) {
            if (deadline.expired()) { // a lookup may turn the deadline's interrupt into an exception
                answerLate(ex, deadline);
            } else {
                LOG.error("request {} failed", ex.getRequestURI().getRawPath(), e);
                failed(ex, 500, "internal error");
            }
        } finally {
            deadline.close();
        }
    }

    /** Stops the clock first, or the 503 would be refused too and the pending interrupt close the connection. */
    private static void answerLate(HttpExchange ex, Deadline deadline) {
        deadline.close();
        failed(ex, 503, deadline.exceeded().getMessage());
    }

    private void route(HttpExchange ex, Request req) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "GET");
            Replies.error(ex, 405, "only GET is allowed");
        } else if (req.segments().equals(java.util.List.of("health"))
                || req.segments().equals(java.util.List.of("health", "ready"))) {
            health(ex, backend.healthy());
        } else if (req.segments().equals(java.util.List.of("health", "live"))) {
            health(ex, backend.alive());
        } else if (isDashboardFile(req)) {
            // The page holds no data; it must load without the token so it can ask for one.
            StaticFiles.serve(ex, req.rawPath());
        } else if (!auth.permits(req.authorization())) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"exposure-monitor\"");
            Replies.error(ex, 401, "missing or invalid bearer token");
        } else {
            authorized(ex, req);
        }
    }

    private static boolean isDashboardFile(Request req) {
        return req.segments().isEmpty() || "web".equals(req.segment(0));
    }

    private void authorized(HttpExchange ex, Request req) throws IOException {
        String first = Objects.requireNonNullElse(req.segment(0), "");
        int size = req.segments().size();
        switch (size <= 3 ? first + "/" + size : "") {
            case "operators/1" -> views.all(ex, req, backend.localOperators(), backend.otherInstances(),
                    ListMerge.OPERATORS);
            case "operators/3" -> history(ex, req);
            case "operators/2" -> byId(ex, req, "operator");
            case "counterparties/2" -> byId(ex, req, "counterparty");
            case "lenders/2" -> byId(ex, req, "lender");
            case "contagion/1" -> views.all(ex, req, backend.localCounterparties(), backend.otherInstances(),
                    ListMerge.CONTAGION);
            case "alerts/1" -> alerts(ex, req);
            case "alerts/2", "feed/1" -> stream(ex, req);
            case "metrics/1" -> metrics(ex);
            case "openapi.json/1" -> openApi(ex);
            default -> StaticFiles.serve(ex, req.rawPath());
        }
    }

    private void byId(HttpExchange ex, Request req, String kind) throws IOException {
        String id = req.segment(1);
        if (!Ids.valid(id)) {
            Replies.error(ex, 400, Ids.invalid(kind, id));
        } else if (kind.equals("operator") && req.param("asOf") != null) {
            asOf(ex, req, id);
        } else if (kind.equals("operator")) {
            views.one(ex, req, backend.operator(id));
        } else if (kind.equals("counterparty")) {
            views.one(ex, req, backend.counterparty(id));
        } else {
            views.one(ex, req, backend.lender(id));
        }
    }

    private void asOf(HttpExchange ex, Request req, String id) throws IOException {
        java.time.Instant at;
        try {
            at = OperatorHistory.time(req.param("asOf"), null, true);
        } catch (java.time.format.DateTimeParseException e) {
            Replies.error(ex, 400, "asOf is an ISO-8601 instant (2026-06-30T00:00:00Z) or a date (2026-06-30): "
                    + Ids.printable(req.param("asOf")));
            return;
        }
        if (at == null) {
            Replies.error(ex, 400, "asOf is empty");
            return;
        }
        views.one(ex, req, backend.operatorAsOf(id, at));
    }

    private void history(HttpExchange ex, Request req) throws IOException {
        String id = req.segment(1);
        if (!"history".equals(req.segment(2))) {
            StaticFiles.serve(ex, req.rawPath());
        } else if (!Ids.valid(id)) {
            Replies.error(ex, 400, Ids.invalid("operator", id));
        } else {
            OperatorHistory.Query query = OperatorHistory.parse(req);
            if (query.problem() != null) {
                Replies.error(ex, 400, query.problem());
                return;
            }
            views.one(ex, req, backend.history(id, query.from(), query.to(), query.limit()),
                    page -> OperatorHistory.render(id, query, page));
        }
    }

    private void alerts(HttpExchange ex, Request req) throws IOException {
        String state = Objects.requireNonNullElse(req.param("state"), "active");
        if (state.equals("active")) {
            views.all(ex, req, backend.localActiveAlerts(), backend.otherInstances(), ListMerge.ALERTS);
        } else if (state.equals("recent")) {
            Replies.json(ex, 200, AvroJson.toTree(backend.feed().recentAlerts()));
        } else {
            Replies.error(ex, 400, "invalid state: \"" + Ids.printable(state) + "\" (active or recent)");
        }
    }

    private void stream(HttpExchange ex, Request req) throws IOException {
        boolean alerts = "alerts".equals(req.segment(0));
        if (alerts && !"stream".equals(req.segment(1))) {
            Replies.error(ex, 404, "not found");
            return;
        }
        String operatorId = req.param("operatorId");
        if (operatorId != null && !Ids.valid(operatorId)) {
            Replies.error(ex, 400, Ids.invalid("operator", operatorId));
            return;
        }
        FeedSource feed = backend.feed();
        boolean started = alerts
                ? streams.start(ex, feed::subscribeAlerts,
                        a -> operatorId == null || operatorId.equals(a.getOperatorId()), ALERT)
                : streams.start(ex, feed::subscribeExposures,
                        e -> operatorId == null || operatorId.equals(e.getOperatorId()), EXPOSURE);
        if (!started) {
            Replies.error(ex, 503, "too many open streams");
        }
    }

    /** {@code /health} and {@code /health/ready}: ready; {@code /health/live}: alive (see {@link ApiBackend}). */
    private void health(HttpExchange ex, boolean up) throws IOException {
        ObjectNode body = AvroJson.MAPPER.createObjectNode();
        body.put("status", up ? "UP" : "DOWN");
        body.put("streams", backend.streamsState());
        backend.problem().ifPresent(problem -> body.put("problem", problem));
        Replies.json(ex, up ? 200 : 503, body);
    }

    private void metrics(HttpExchange ex) throws IOException {
        PrometheusMeterRegistry registry = backend.metrics();
        if (registry == null) {
            Replies.error(ex, 503, "metrics not available");
            return;
        }
        Replies.send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private void openApi(HttpExchange ex) throws IOException {
        if (openApi == null) {
            Replies.error(ex, 404, "no OpenAPI document");
            return;
        }
        Replies.send(ex, 200, Replies.JSON, openApi);
    }

    private static void failed(HttpExchange ex, int status, String message) {
        try {
            ex.getResponseHeaders().clear(); // what the handler meant to send with its answer
            Replies.error(ex, status, message);
        } catch (IOException | RuntimeException ignored) {
            ex.close(); // headers were already sent, or the client is gone
        }
    }
}
