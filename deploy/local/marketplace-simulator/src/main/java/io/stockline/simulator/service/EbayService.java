package io.stockline.simulator.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * eBay's Sell Inventory API v1 (bulkUpdatePriceQuantity, getOffers, getInventoryItem, bulkGetInventoryItem) and the
 * identity token endpoint. It holds an inventory item per SKU (its ship-to-home quantity, in the listing store) and the
 * SKU's offers (their availableQuantity); a buyer sees the lower of the two, as on eBay. Each listing may be revised
 * {@code simulator.ebay.revisions-per-day} times an eBay calendar day (250, Pacific time). A bulk call answers 200 when every item succeeded, 207 Multi-Status otherwise, with a
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
    /** Offers by SKU, then by offer id; guarded by the listing store's lock, so an item and its offers change together. */
    private final Map<String, Map<String, Offer>> offers = new HashMap<>();
    private final RevisionCounter revisions;

    public EbayService(ObjectMapper json, ListingStore store, CallStats stats, AccessTokens tokens, SimulatorSettings settings,
            SimulatorConfig config) {
        this.json = json;
        this.store = store;
        this.stats = stats;
        this.tokens = tokens;
        this.settings = settings;
        this.config = config;
        this.revisions = new RevisionCounter(config.ebay().revisionsPerDay());
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
                allGood &= store.atomically(view -> update(view, request, responses));
            }
            ObjectNode answer = json.createObjectNode();
            answer.set("responses", responses);
            return Answer.of(allGood ? 200 : 207, answer);
        });
    }

    /**
     * One entry of {@code requests}: the inventory item's ship-to-home quantity and/or its offers' available quantities,
     * all or nothing, answered per offer (sku and offerId), or once for the item when no offer is named (as the spec's
     * PriceQuantityResponse says: offerId "will not be returned" when only the item is updated). An entry that would
     * change a listing revised {@code revisions-per-day} times this eBay day (Pacific time) is refused (errorId 25002,
     * the call's documented user error) and changes nothing.
     */
    private boolean update(ListingStore view, JsonNode request, ArrayNode responses) {
        String sku = request.path("sku").asText("");
        JsonNode quantity = request.path("shipToLocationAvailability").path("quantity");
        JsonNode offers = request.path("offers");
        List<JsonNode> offerList = new ArrayList<>();
        offers.forEach(offerList::add);
        boolean hasQuantity = !quantity.isMissingNode() && !quantity.isNull();
        if (sku.isBlank()) {
            return refuse(responses, sku, offerList, 400, 25709, "REQUEST", "Invalid value for sku.");
        }
        if (hasQuantity && (!quantity.isIntegralNumber() || quantity.asLong() < 0)) {
            return refuse(responses, sku, offerList, 400, 25709, "REQUEST", "Invalid value for shipToLocationAvailability.quantity.");
        }
        if (!hasQuantity && offerList.isEmpty()) {
            return refuse(responses, sku, offerList, 400, 25709, "REQUEST",
                    "Invalid value for shipToLocationAvailability. Give a quantity or offers.");
        }
        ListingKey key = new ListingKey(Marketplace.EBAY, "", sku);
        Optional<Listing> held = view.find(key);
        if (held.isEmpty() && !settings.autoCreate()) {
            return refuse(responses, sku, offerList, 400, 25702, "REQUEST", sku + " could not be found or is not available in the system.");
        }
        Map<String, Offer> skuOffers = offers(sku);
        Set<String> named = new HashSet<>();
        for (JsonNode offer : offerList) {
            String offerId = offer.path("offerId").asText("");
            JsonNode available = offer.path("availableQuantity");
            if (offerId.isBlank() || !named.add(offerId)) {
                return refuse(responses, sku, offerList, 400, 25709, "REQUEST", "Invalid value for offerId. "
                        + (offerId.isBlank() ? "It is required." : "Offer " + offerId + " is named twice."));
            }
            if (!skuOffers.containsKey(offerId) && !settings.autoCreate()) {
                return refuse(responses, sku, offerList, 400, 25709, "REQUEST",
                        "Invalid value for offerId. Offer " + offerId + " is not an offer of SKU " + sku + ".");
            }
            if (!available.isMissingNode() && (!available.isIntegralNumber() || available.asLong() < 0)) {
                return refuse(responses, sku, offerList, 400, 25709, "REQUEST", "Invalid value for offers.availableQuantity.");
            }
        }
        boolean changes = held.isEmpty() || hasQuantity && held.get().quantity() != quantity.asLong()
                || offerList.stream().anyMatch(offer -> offer.has("availableQuantity") && (!skuOffers.containsKey(offer.path("offerId").asText())
                        || skuOffers.get(offer.path("offerId").asText()).availableQuantity() != offer.path("availableQuantity").asLong()));
        if (changes && !revisions.allow(sku)) {
            stats.revisionCapRefusal(Marketplace.EBAY);
            return refuse(responses, sku, offerList, 400, 25002, "REQUEST", "Any User error. This listing has been revised "
                    + revisions.cap() + " times today, the most eBay allows in one calendar day; it can be revised again tomorrow.");
        }
        if (hasQuantity || held.isEmpty()) {
            view.write(key, sku, hasQuantity ? quantity.asLong() : 0);
        }
        for (JsonNode offer : offerList) {
            String offerId = offer.path("offerId").asText();
            Offer current = skuOffers.get(offerId);
            long available = offer.has("availableQuantity") ? offer.path("availableQuantity").asLong()
                    : current == null ? 0 : current.availableQuantity();
            skuOffers.put(offerId, new Offer(offerId, sku, available, current == null ? "FIXED_PRICE" : current.format(),
                    current == null ? "EBAY_US" : current.marketplaceId()));
        }
        if (offerList.isEmpty()) {
            ObjectNode response = responses.addObject().put("sku", sku).put("statusCode", 200);
            response.putArray("errors");
            response.putArray("warnings");
        }
        for (JsonNode offer : offerList) {
            ObjectNode response = responses.addObject().put("sku", sku).put("offerId", offer.path("offerId").asText()).put("statusCode", 200);
            response.putArray("errors");
            response.putArray("warnings");
        }
        return true;
    }

    /** Answers every part of a refused entry (each offer named, or the item) with the same error; nothing changed. */
    private boolean refuse(ArrayNode responses, String sku, List<JsonNode> offers, int statusCode, int errorId, String category,
            String message) {
        if (offers.isEmpty()) {
            failed(responses.addObject().put("sku", sku), statusCode, errorId, category, message);
        }
        for (JsonNode offer : offers) {
            failed(responses.addObject().put("sku", sku).put("offerId", offer.path("offerId").asText("")), statusCode, errorId,
                    category, message);
        }
        return false;
    }

    /**
     * getOffers: the SKU's offers ({@code offers[{offerId, sku, marketplaceId, format, availableQuantity, status,
     * listing}]}, one page: eBay has at most one fixed-price and one auction offer per SKU); a SKU without offers is
     * 404 errorId 25713 "This Offer is not available." as eBay answers it.
     */
    public Answer getOffers(String authorization, String sku) {
        return authorized(authorization, () -> {
            if (sku == null || sku.isBlank()) {
                return requestError(25709, "Invalid value for sku.");
            }
            List<Offer> held = store.atomically(view -> List.copyOf(offers(sku).values()));
            if (held.isEmpty()) {
                return Answer.of(404, errors(25713, "REQUEST", "This Offer is not available."));
            }
            ObjectNode answer = json.createObjectNode().put("href", "/sell/inventory/v1/offer?sku=" + sku + "&limit=100&offset=0")
                    .put("limit", 100).put("size", held.size()).put("total", held.size());
            ArrayNode list = answer.putArray("offers");
            held.forEach(offer -> {
                ObjectNode item = list.addObject().put("offerId", offer.offerId()).put("sku", offer.sku())
                        .put("marketplaceId", offer.marketplaceId()).put("format", offer.format())
                        .put("availableQuantity", offer.availableQuantity()).put("status", "PUBLISHED");
                item.putObject("listing").put("listingId", "11" + Math.abs(offer.offerId().hashCode())).put("listingStatus", "ACTIVE");
            });
            return Answer.of(200, answer);
        });
    }

    /** One offer of a SKU as the simulator holds it. */
    public record Offer(String offerId, String sku, long availableQuantity, String format, String marketplaceId) {
    }

    /** Seeds (or overwrites) offers of a SKU, for tests and demos; the others of the SKU stay. */
    public void seedOffers(String sku, List<Offer> seeded) {
        store.atomically(view -> {
            Map<String, Offer> held = offers(sku);
            seeded.forEach(offer -> held.put(offer.offerId(), new Offer(offer.offerId(), sku, offer.availableQuantity(),
                    offer.format() == null ? "FIXED_PRICE" : offer.format(),
                    offer.marketplaceId() == null ? "EBAY_US" : offer.marketplaceId())));
            return null;
        });
    }

    /** The SKU's offers, by offer id (empty when it has none). */
    public List<Offer> offersOf(String sku) {
        return store.atomically(view -> List.copyOf(offers(sku).values()));
    }

    /** Revisions of the SKU's listing this eBay day. */
    public int revisionsToday(String sku) {
        return revisions.today(sku);
    }

    public void reset() {
        store.atomically(view -> {
            offers.clear();
            return null;
        });
        revisions.reset();
    }

    /** Called under the store's lock. */
    private Map<String, Offer> offers(String sku) {
        return offers.computeIfAbsent(sku, s -> new LinkedHashMap<>());
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
        failed(response, statusCode, errorId, "REQUEST", message);
    }

    private void failed(ObjectNode response, int statusCode, int errorId, String category, String message) {
        response.put("statusCode", statusCode);
        response.putArray("errors").addObject().put("errorId", errorId).put("domain", "API_INVENTORY")
                .put("category", category).put("message", message);
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
