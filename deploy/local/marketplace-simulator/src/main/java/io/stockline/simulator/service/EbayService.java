package io.stockline.simulator.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.Startup;
import io.stockline.simulator.config.SimulatorConfig;
import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.Listing;
import io.stockline.simulator.domain.ListingKey;
import io.stockline.simulator.domain.Marketplace;

/**
 * eBay's Sell Inventory API v1 (bulkUpdatePriceQuantity, getInventoryItem, bulkGetInventoryItem) and the identity
 * token endpoint. A bulk call answers 200 when every item succeeded, 207 Multi-Status otherwise, with a
 * {@code responses[]} entry per item (and per offer) carrying its own statusCode and errors, as the spec shows.
 */
@Startup
@ApplicationScoped
public class EbayService {

    public static final int MAX_REQUESTS = 25;

    private final ObjectMapper json;
    private final ListingStore store;
    private final CallStats stats;
    private final AccessTokens tokens;
    private final SimulatorSettings settings;
    private final SimulatorConfig config;

    public EbayService(ObjectMapper json, ListingStore store, CallStats stats, AccessTokens tokens, SimulatorSettings settings,
            SimulatorConfig config) {
        this.json = json;
        this.store = store;
        this.stats = stats;
        this.tokens = tokens;
        this.settings = settings;
        this.config = config;
    }

    /** The identity endpoint: client credentials in Basic auth, a user refresh token in the form. */
    public Answer token(String authorization, String grantType, String refreshToken) {
        if (!validBasic(authorization)) {
            stats.authFailure(Marketplace.EBAY);
            return Answer.of(401, json.createObjectNode().put("error", "invalid_client")
                    .put("error_description", "client authentication failed"));
        }
        if (!"refresh_token".equals(grantType)) {
            stats.authFailure(Marketplace.EBAY);
            return Answer.of(400, json.createObjectNode().put("error", grantType == null ? "invalid_request" : "unsupported_grant_type")
                    .put("error_description", grantType == null ? "request is missing a required parameter or malformed."
                            : "grant type in request is not supported by the authorization server"));
        }
        if (refreshToken == null || refreshToken.isBlank()) {
            stats.authFailure(Marketplace.EBAY);
            return Answer.of(400, json.createObjectNode().put("error", "invalid_request")
                    .put("error_description", "request is missing a required parameter or malformed."));
        }
        long lifetime = config.ebay().tokenLifetimeSeconds();
        return Answer.of(200, json.createObjectNode()
                .put("access_token", tokens.issue(Marketplace.EBAY, "v^1.1#i^1#sim#", Duration.ofSeconds(lifetime)))
                .put("expires_in", lifetime)
                .put("token_type", "User Access Token"));
    }

    private static boolean validBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon > 0 && colon < pair.length() - 1;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    public Answer bulkUpdatePriceQuantity(String authorization, String body) {
        return authorized(authorization, () -> {
            Optional<JsonNode> requests = requests(body);
            if (requests.isEmpty()) {
                return requestError(25709, "Invalid value for requests. The request body must hold 'requests', an array of 1 to "
                        + MAX_REQUESTS + " items.");
            }
            ArrayNode responses = json.createArrayNode();
            boolean allGood = true;
            for (JsonNode request : requests.get()) {
                String sku = request.path("sku").asText("");
                JsonNode quantity = request.path("shipToLocationAvailability").path("quantity");
                JsonNode offers = request.path("offers");
                ObjectNode response = responses.addObject().put("sku", sku);
                if (sku.isBlank()) {
                    allGood = false;
                    failed(response, 400, 25709, "Invalid value for sku.");
                    continue;
                }
                boolean hasQuantity = !quantity.isMissingNode() && !quantity.isNull();
                if (hasQuantity && (!quantity.isIntegralNumber() || quantity.asLong() < 0)) {
                    allGood = false;
                    failed(response, 400, 25709, "Invalid value for shipToLocationAvailability.quantity.");
                    continue;
                }
                if (!hasQuantity && (!offers.isArray() || offers.isEmpty())) {
                    allGood = false;
                    failed(response, 400, 25709, "Invalid value for shipToLocationAvailability. Give a quantity or offers.");
                    continue;
                }
                ListingKey key = new ListingKey(Marketplace.EBAY, "", sku);
                boolean known = store.find(key).isPresent();
                if (!known && !settings.autoCreate()) {
                    allGood = false;
                    failed(response, 400, 25702, sku + " could not be found or is not available in the system.");
                    continue;
                }
                if (hasQuantity) {
                    store.write(key, sku, quantity.asLong());
                }
                if (offers.isArray() && !offers.isEmpty()) {
                    response.put("offerId", offers.get(0).path("offerId").asText(""));
                    for (int i = 1; i < offers.size(); i++) {
                        ObjectNode more = responses.addObject().put("sku", sku).put("offerId", offers.get(i).path("offerId").asText(""));
                        more.put("statusCode", 200).putArray("errors");
                        more.putArray("warnings");
                    }
                }
                response.put("statusCode", 200).putArray("errors");
                response.putArray("warnings");
            }
            ObjectNode answer = json.createObjectNode();
            answer.set("responses", responses);
            return Answer.of(allGood ? 200 : 207, answer);
        });
    }

    public Answer getInventoryItem(String authorization, String sku) {
        return authorized(authorization, () -> store.find(new ListingKey(Marketplace.EBAY, "", sku))
                .map(listing -> Answer.of(200, inventoryItem(listing)))
                .orElseGet(() -> Answer.of(404, errors(25702, "REQUEST", sku + " could not be found or is not available in the system."))));
    }

    public Answer bulkGetInventoryItem(String authorization, String body) {
        return authorized(authorization, () -> {
            Optional<JsonNode> requests = requests(body);
            if (requests.isEmpty()) {
                return requestError(25709, "Invalid value for requests. The request body must hold 'requests', an array of 1 to "
                        + MAX_REQUESTS + " items.");
            }
            ArrayNode responses = json.createArrayNode();
            boolean allGood = true;
            for (JsonNode request : requests.get()) {
                String sku = request.path("sku").asText("");
                ObjectNode response = responses.addObject().put("sku", sku);
                Optional<Listing> held = sku.isBlank() ? Optional.empty() : store.find(new ListingKey(Marketplace.EBAY, "", sku));
                if (held.isEmpty()) {
                    allGood = false;
                    failed(response, 404, 25702, "SKU " + sku + " is not available in the system");
                    continue;
                }
                response.put("statusCode", 200).set("inventoryItem", inventoryItem(held.get()));
                response.putArray("errors");
                response.putArray("warnings");
            }
            ObjectNode answer = json.createObjectNode();
            answer.set("responses", responses);
            return Answer.of(allGood ? 200 : 207, answer);
        });
    }

    private Optional<JsonNode> requests(String body) {
        try {
            JsonNode requests = json.readTree(body == null ? "" : body).path("requests");
            return requests.isArray() && !requests.isEmpty() && requests.size() <= MAX_REQUESTS ? Optional.of(requests) : Optional.empty();
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }

    private ObjectNode inventoryItem(Listing listing) {
        ObjectNode item = json.createObjectNode().put("sku", listing.listingId()).put("locale", "en_US").put("condition", "NEW");
        item.putObject("availability").putObject("shipToLocationAvailability").put("quantity", listing.quantity());
        return item;
    }

    private void failed(ObjectNode response, int statusCode, int errorId, String message) {
        response.put("statusCode", statusCode);
        response.putArray("errors").addObject().put("errorId", errorId).put("domain", "API_INVENTORY")
                .put("category", "REQUEST").put("message", message);
        response.putArray("warnings");
    }

    private Answer authorized(String authorization, Supplier<Answer> work) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (!tokens.valid(Marketplace.EBAY, token)) {
            stats.authFailure(Marketplace.EBAY);
            ObjectNode answer = json.createObjectNode();
            answer.putArray("errors").addObject().put("errorId", 1001).put("domain", "OAuth").put("category", "REQUEST")
                    .put("message", "Invalid access token")
                    .put("longMessage", "Invalid access token. Check the value of the Authorization HTTP request header.");
            return Answer.of(401, answer);
        }
        return work.get();
    }

    private Answer requestError(int errorId, String message) {
        return Answer.of(400, errors(errorId, "REQUEST", message));
    }

    private ObjectNode errors(int errorId, String category, String message) {
        ObjectNode answer = json.createObjectNode();
        answer.putArray("errors").addObject().put("errorId", errorId).put("domain", "API_INVENTORY")
                .put("category", category).put("message", message);
        return answer;
    }

    /** The 429 or 500 eBay gives when it fails outright (injected faults). */
    public Answer failure(FaultKind kind) {
        if (kind == FaultKind.RATE_LIMITED) {
            ObjectNode answer = json.createObjectNode();
            answer.putArray("errors").addObject().put("errorId", 2001).put("domain", "ACCESS").put("category", "REQUEST")
                    .put("message", "Too many requests. The request limit has been reached for the resource.");
            return Answer.of(429, answer);
        }
        return Answer.of(500, errors(25001, "APPLICATION", "A system error has occurred."));
    }
}
