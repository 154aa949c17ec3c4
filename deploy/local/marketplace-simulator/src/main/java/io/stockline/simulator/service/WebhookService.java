package io.stockline.simulator.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.Startup;
import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.ListingKey;
import io.stockline.platform.webhook.WebhookSignature;
import io.stockline.simulator.domain.Marketplace;

/**
 * Stockline's generic webhook, received: {@code {channel, sentAt, updates[{sku, listingId, quantity}]}}. When a
 * secret is set, it must carry Stockline's one webhook signature ({@link WebhookSignature}),
 * {@code X-Stockline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, made less than five minutes
 * ago: a bad signature and a replayed (stale) one are refused alike. Listings are kept per webhook path, by listing
 * id (the SKU when no listing id is given).
 */
@Startup
@ApplicationScoped
public class WebhookService {

    public static final String SIGNATURE_HEADER = WebhookSignature.HEADER;

    private final ObjectMapper json;
    private final ListingStore store;
    private final CallStats stats;
    private final SimulatorSettings settings;
    private final Clock clock = Clock.systemUTC();

    public WebhookService(ObjectMapper json, ListingStore store, CallStats stats, SimulatorSettings settings) {
        this.json = json;
        this.store = store;
        this.stats = stats;
        this.settings = settings;
    }

    public Answer receive(String path, String signature, byte[] body) {
        if (settings.webhookSecret().isPresent()) {
            WebhookSignature.Verdict verdict = WebhookSignature.verify(settings.webhookSecret().get(), signature,
                    new String(body, StandardCharsets.UTF_8), clock.instant());
            if (verdict != WebhookSignature.Verdict.VALID) {
                stats.authFailure(Marketplace.WEBHOOK);
                return problem(401, "Unauthorized", SIGNATURE_HEADER, "header", switch (verdict) {
                    case MISSING -> "missing";
                    case MALFORMED -> "not t=<unix seconds>,v1=<hex>";
                    case STALE -> "its timestamp is more than " + WebhookSignature.TOLERANCE.toMinutes()
                            + " minutes from now (a replay?)";
                    default -> "not the HMAC-SHA256 of \"t.body\" under the configured secret";
                });
            }
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (Exception unreadable) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return problem(400, "Bad Request", "body", "body", "not a JSON object");
        }
        if (!request.path("channel").isTextual()) {
            return problem(400, "Bad Request", "channel", "body", "must be a string");
        }
        JsonNode updates = request.path("updates");
        if (!updates.isArray()) {
            return problem(400, "Bad Request", "updates", "body", "must be an array");
        }
        for (int i = 0; i < updates.size(); i++) {
            JsonNode update = updates.get(i);
            if (!update.path("sku").isTextual() || update.path("sku").asText().isBlank()) {
                return problem(400, "Bad Request", "updates[" + i + "].sku", "body", "must be a non-blank string");
            }
            if (!update.path("quantity").isIntegralNumber()) {
                return problem(400, "Bad Request", "updates[" + i + "].quantity", "body", "must be a whole number");
            }
        }
        // absolute quantities: applying a repeated delivery again changes nothing
        for (JsonNode update : updates) {
            String sku = update.path("sku").asText();
            String listingId = update.path("listingId").isTextual() && !update.path("listingId").asText().isBlank()
                    ? update.path("listingId").asText() : sku;
            store.write(new ListingKey(Marketplace.WEBHOOK, path, listingId), sku, update.path("quantity").asLong());
        }
        return Answer.of(200, json.createObjectNode().put("applied", updates.size()));
    }

    private Answer problem(int status, String title, String field, String in, String message) {
        ObjectNode problem = json.createObjectNode().put("status", status).put("title", title)
                .put("detail", field + ": " + message);
        problem.putArray("violations").addObject().put("field", field).put("in", in).put("message", message);
        return Answer.of(status, problem).withHeader("Content-Type", "application/problem+json");
    }

    /** The 429 or 500 a webhook receiver gives when it fails outright (injected faults). */
    public Answer failure(FaultKind kind) {
        return kind == FaultKind.RATE_LIMITED
                ? problem(429, "Too Many Requests", "body", "body", "slow down").withHeader("Retry-After", "1")
                : problem(500, "Internal Server Error", "body", "body", "simulated failure");
    }
}
