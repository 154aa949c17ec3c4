package io.stockline.simulator.rest;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.stockline.simulator.domain.Marketplace;
import io.stockline.simulator.service.CallStats;
import io.stockline.simulator.service.RequestContracts;
import io.stockline.simulator.service.RequestContracts.Violation;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Holds every Amazon Listings Items and eBay Sell Inventory request to the document the real API is described by
 * ({@link RequestContracts}: the published spec, else our contract) before any resource sees it, and refuses a
 * request that breaks it as the marketplace would: eBay 400 {@code {errors:[{errorId:25709, domain:"API_INVENTORY",
 * category:"REQUEST", message:"Invalid value for <field>. ...", parameters:[{name:"fieldName", value}]}]}} (25709 is the
 * spec's "Invalid value for {fieldName}" of bulkUpdatePriceQuantity, bulkGetInventoryItem and getOffers), Amazon 400
 * {@code {errors:[{code:"InvalidInput", message:"... <field> ...", details}]}} (the published ErrorList). A refused
 * request changes nothing and is counted in {@code /_sim/stats} {@code invalidRequests}. The OAuth token endpoints
 * are left to the services.
 */
@ApplicationScoped
public class RequestValidationFilter {

    /** Before the REST resources; the body is read here once and handed on to them. */
    static final int ORDER = -100;

    private final RequestContracts contracts;
    private final CallStats stats;
    private final ObjectMapper json;

    public RequestValidationFilter(RequestContracts contracts, CallStats stats, ObjectMapper json) {
        this.contracts = contracts;
        this.stats = stats;
        this.json = json;
    }

    void install(@Observes Router router) {
        for (String path : List.of("/ebay/sell/*", "/amazon/listings/*")) {
            router.route(path).order(ORDER).handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024));
            // On a worker thread, unordered: checking a request against a marketplace's whole OpenAPI document takes
            // CPU that, on the event loop, could hold up the other requests sharing that loop (the other marketplaces'
            // and the webhook's). A marketplace's checks are its own servers' work, not its neighbours'. The channel
            // benchmark measured no change from it (the webhook POST's p99 under load was 141-152 ms either way).
            router.route(path).order(ORDER + 1).blockingHandler(this::validate, false);
        }
    }

    void validate(RoutingContext context) {
        String path = context.request().path();
        Marketplace marketplace = path.startsWith("/ebay/") ? Marketplace.EBAY : Marketplace.AMAZON;
        Request.Method method;
        try {
            method = Request.Method.valueOf(context.request().method().name());
        } catch (IllegalArgumentException unknown) {
            context.next();
            return;
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        context.queryParams().forEach(entry -> request.withQueryParam(entry.getKey(), context.queryParam(entry.getKey())));
        context.request().headers().names().forEach(name -> request.withHeader(name, context.request().headers().getAll(name)));
        String body = context.body() == null ? null : context.body().asString();
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        RequestContracts.Verdict verdict = contracts.check(marketplace, request.build());
        if (verdict.valid()) {
            context.next();
            return;
        }
        stats.invalidRequest(marketplace);
        Log.debugf("refused %s %s against the %s: %s", method, path, verdict.against(), verdict.violations());
        ObjectNode answer = marketplace == Marketplace.EBAY ? ebay(verdict.violations()) : amazon(verdict.violations());
        var response = context.response().setStatusCode(400).putHeader("Content-Type", "application/json");
        if (marketplace == Marketplace.AMAZON) {
            response.putHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        }
        response.end(answer.toString());
    }

    private ObjectNode ebay(List<Violation> violations) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode errors = answer.putArray("errors");
        for (Violation violation : violations) {
            String field = violation.field().isEmpty() ? "request" : violation.field();
            ObjectNode error = errors.addObject().put("errorId", 25709).put("domain", "API_INVENTORY").put("category", "REQUEST")
                    .put("message", "Invalid value for " + field + ". " + violation.message());
            error.putArray("parameters").addObject().put("name", "fieldName").put("value", field);
        }
        return answer;
    }

    private ObjectNode amazon(List<Violation> violations) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode errors = answer.putArray("errors");
        for (Violation violation : violations) {
            String field = violation.field().isEmpty() ? "request" : violation.field();
            errors.addObject().put("code", "InvalidInput")
                    .put("message", "Request has missing or invalid parameters and cannot be parsed: " + field)
                    .put("details", violation.message());
        }
        return answer;
    }
}
