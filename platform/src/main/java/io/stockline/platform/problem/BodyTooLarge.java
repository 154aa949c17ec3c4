package io.stockline.platform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is refused with 413 problem JSON. Quarkus refuses a request
 * whose Content-Length is over the limit in a route of its own (order -2) with an empty body, before any resource or
 * exception mapper runs (the fuzz tests found it); this route runs just before that one and refuses the same requests,
 * saying why. The body is not read, and the connection is closed after the answer, as Quarkus does.
 */
@ApplicationScoped
public class BodyTooLarge {

    /** Before Quarkus's own check ({@code HttpServerCommonHandlers.enforceMaxBodySize}, order -2). */
    static final int ORDER = -3;

    private final long limit;

    public BodyTooLarge(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        Long declared = declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared == null || declared <= limit) {
            context.next();
            return;
        }
        JsonObject problem = new JsonObject().put("status", 413).put("title", "Content Too Large")
                .put("detail", "the request body is " + declared + " bytes; this service takes at most " + limit)
                .put("instance", context.request().path());
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemContentType.PROBLEM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.encode());
    }

    /** The Content-Length a request declares; null when it declares none or one that is not a number. */
    static Long declaredLength(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
