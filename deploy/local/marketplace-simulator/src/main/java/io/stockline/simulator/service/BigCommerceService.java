package io.stockline.simulator.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.stockline.simulator.config.SimulatorConfig;
import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.Listing;
import io.stockline.simulator.domain.ListingKey;
import io.stockline.simulator.domain.Marketplace;

/**
 * BigCommerce's REST Management API v3 for inventory: absolute adjustments ({@code PUT
 * /stores/{hash}/v3/inventory/adjustments/absolute}, items by {@code variant_id} or {@code sku} at a
 * {@code location_id}), inventory per item and location ({@code GET .../v3/inventory/items}) and variants by SKU
 * ({@code GET .../v3/catalog/variants?sku=|sku:in=}). A listing is a variant (its id), held per location (the scope).
 * Every answer carries the store's quota as X-Rate-Limit-Requests-Left / -Requests-Quota / -Time-Window-Ms /
 * -Time-Reset-Ms; a request over the quota is a 429 with the same headers. Errors are v3's {status, title, type, errors}.
 */
@ApplicationScoped
public class BigCommerceService {

    private final ObjectMapper json;
    private final ListingStore store;
    private final CallStats stats;
    private final SimulatorSettings settings;
    private final SimulatorConfig config;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public BigCommerceService(ObjectMapper json, ListingStore store, CallStats stats, SimulatorSettings settings, SimulatorConfig config) {
        this.json = json;
        this.store = store;
        this.stats = stats;
        this.settings = settings;
        this.config = config;
    }

    /** A fixed window of {@code quota} requests per store, as BigCommerce counts them. */
    private static final class Window {
        long startedAt;
        int used;
    }

    /** Runs {@code work} when the token is good and the store has quota left; every answer gets the quota headers. */
    public Answer call(String storeHash, String token, java.util.function.Supplier<Answer> work) {
        if (token == null || token.isBlank() || !config.bigcommerce().accessToken().map(token::equals).orElse(true)) {
            stats.authFailure(Marketplace.BIGCOMMERCE);
            return error(401, "You are not authorized to access this resource.", Map.of());
        }
        long now = System.currentTimeMillis();
        long windowMillis = config.bigcommerce().window().toMillis();
        int quota = config.bigcommerce().quota();
        Window window = windows.computeIfAbsent(storeHash, hash -> new Window());
        int left;
        long resetIn;
        boolean over;
        synchronized (window) {
            if (now - window.startedAt >= windowMillis) {
                window.startedAt = now;
                window.used = 0;
            }
            over = window.used >= quota;
            if (!over || !settings.enforceRateLimits()) {
                window.used++;
            }
            left = Math.max(0, quota - window.used);
            resetIn = Math.max(0, window.startedAt + windowMillis - now);
        }
        Answer answer;
        if (over) {
            stats.rateLimitViolation(Marketplace.BIGCOMMERCE);
        }
        if (over && settings.enforceRateLimits()) {
            stats.throttled(Marketplace.BIGCOMMERCE);
            answer = error(429, "Too many requests", Map.of());
        } else {
            answer = work.get();
        }
        return answer.withHeader("X-Rate-Limit-Requests-Left", String.valueOf(left))
                .withHeader("X-Rate-Limit-Requests-Quota", String.valueOf(quota))
                .withHeader("X-Rate-Limit-Time-Window-Ms", String.valueOf(windowMillis))
                .withHeader("X-Rate-Limit-Time-Reset-Ms", String.valueOf(resetIn));
    }

    /** Sets each item's on-hand quantity at its location, all or nothing: a bad item refuses the adjustment (422). */
    public Answer absolute(String body) {
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (Exception unreadable) {
            request = null;
        }
        if (request == null || !request.path("items").isArray() || request.path("items").isEmpty()) {
            return error(422, "Input is invalid", Map.of("items", "items is required and must not be empty"));
        }
        List<JsonNode> items = new ArrayList<>();
        request.path("items").forEach(items::add);
        return store.atomically(view -> {
            // the store's BigCommerce listings by variant, read once: a look-up per item over every listing of every
            // marketplace made a call of 100 items 1,200,000 comparisons (three quarters of the simulator's garbage)
            Map<String, List<Listing>> byVariant = view.list(Optional.of(Marketplace.BIGCOMMERCE), Optional.empty(),
                    Optional.empty()).stream().collect(Collectors.groupingBy(Listing::listingId));
            Map<String, String> errors = new LinkedHashMap<>();
            List<ListingKey> keys = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (!item.path("location_id").canConvertToLong() || item.path("location_id").asLong() < 1) {
                    errors.put("items." + i + ".location_id", "location_id is required");
                }
                if (!item.path("quantity").isIntegralNumber() || item.path("quantity").asLong() < 0) {
                    errors.put("items." + i + ".quantity", "quantity must be a whole number, 0 or more");
                }
                String variant = variantOf(byVariant, item);
                if (variant == null) {
                    errors.put("items." + i + ".variant_id", "no variant " + (item.has("sku") ? "with SKU " + item.path("sku").asText()
                            : item.path("variant_id").asText()));
                }
                keys.add(variant == null ? null : new ListingKey(Marketplace.BIGCOMMERCE, item.path("location_id").asText(), variant));
            }
            if (!errors.isEmpty()) {
                return error(422, "Input is invalid", errors);
            }
            for (int i = 0; i < items.size(); i++) {
                view.write(keys.get(i), skuOf(byVariant, keys.get(i).listingId()), items.get(i).path("quantity").asLong());
            }
            return Answer.of(200, json.createObjectNode().put("transaction_id", java.util.UUID.randomUUID().toString()));
        });
    }

    /** The variant an item names (by id or SKU), or null when the store has none (autoCreate makes unknown ids). */
    private String variantOf(Map<String, List<Listing>> byVariant, JsonNode item) {
        if (item.path("variant_id").canConvertToLong() && item.path("variant_id").asLong() > 0) {
            String id = item.path("variant_id").asText();
            return byVariant.containsKey(id) || settings.autoCreate() ? id : null;
        }
        if (item.path("sku").isTextual()) {
            String sku = item.path("sku").asText();
            List<String> ids = byVariant.entrySet().stream()
                    .filter(variant -> variant.getValue().stream().anyMatch(listing -> sku.equals(listing.sku())))
                    .map(Map.Entry::getKey).toList();
            return ids.size() == 1 ? ids.get(0) : null;
        }
        return null;
    }

    private static String skuOf(Map<String, List<Listing>> byVariant, String variantId) {
        return byVariant.getOrDefault(variantId, List.of()).stream()
                .map(Listing::sku).filter(sku -> sku != null).findFirst().orElse(null);
    }

    /** Inventory per variant: on hand (and available) at each location the simulator holds it. */
    public Answer items(String variantIds, String locationIds, Integer limit) {
        Set<String> variants = split(variantIds);
        Set<String> locations = split(locationIds);
        Map<String, List<Listing>> byVariant = new LinkedHashMap<>();
        store.list(Optional.of(Marketplace.BIGCOMMERCE), Optional.empty(), Optional.empty()).stream()
                .filter(listing -> variants.isEmpty() || variants.contains(listing.listingId()))
                .filter(listing -> locations.isEmpty() || locations.contains(listing.scope()))
                .forEach(listing -> byVariant.computeIfAbsent(listing.listingId(), id -> new ArrayList<>()).add(listing));
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        byVariant.entrySet().stream().limit(limit == null ? 50 : limit).forEach(entry -> {
            ObjectNode item = data.addObject();
            Listing first = entry.getValue().get(0);
            ObjectNode identity = item.putObject("identity").put("variant_id", Long.parseLong(entry.getKey()))
                    .put("product_id", productOf(entry.getKey()));
            identity.put("sku", first.sku() == null ? "" : first.sku());
            ArrayNode at = item.putArray("locations");
            entry.getValue().forEach(listing -> at.addObject().put("location_id", Long.parseLong(listing.scope()))
                    .put("available_to_sell", listing.quantity()).put("total_inventory_onhand", listing.quantity()));
        });
        answer.putObject("meta").putObject("pagination").put("total", byVariant.size()).put("count", data.size());
        return Answer.of(200, answer);
    }

    /** Variants with the SKUs asked ({@code sku} or {@code sku:in}), as the catalog lists them. */
    public Answer variants(String sku, String skuIn, Integer limit) {
        Set<String> skus = new java.util.HashSet<>(split(skuIn));
        if (sku != null && !sku.isBlank()) {
            skus.add(sku);
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        List<Listing> all = store.list(Optional.of(Marketplace.BIGCOMMERCE), Optional.empty(), Optional.empty());
        all.stream().filter(listing -> listing.sku() != null && (skus.isEmpty() || skus.contains(listing.sku())))
                .collect(Collectors.toMap(Listing::listingId, Listing::sku, (a, b) -> a, LinkedHashMap::new))
                .entrySet().stream().limit(limit == null ? 50 : limit)
                .forEach(variant -> data.addObject().put("id", Long.parseLong(variant.getKey()))
                        .put("product_id", productOf(variant.getKey())).put("sku", variant.getValue()));
        answer.putObject("meta").putObject("pagination").put("total", data.size()).put("count", data.size());
        return Answer.of(200, answer);
    }

    /** The simulator keeps no products: a variant's product id is derived from its id. */
    private static long productOf(String variantId) {
        return Long.parseLong(variantId) / 10 + 1;
    }

    private static Set<String> split(String list) {
        return list == null || list.isBlank() ? Set.of()
                : Arrays.stream(list.split(",")).map(String::trim).filter(part -> !part.isEmpty()).collect(Collectors.toSet());
    }

    private Answer error(int status, String title, Map<String, String> errors) {
        ObjectNode body = json.createObjectNode().put("status", status).put("title", title)
                .put("type", "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes");
        ObjectNode named = body.putObject("errors");
        errors.forEach(named::put);
        return Answer.of(status, body);
    }

    /** The 429 or 500 BigCommerce answers when it fails outright (injected faults). */
    public Answer failure(FaultKind kind) {
        return kind == FaultKind.RATE_LIMITED ? error(429, "Too many requests", Map.of()).withHeader("X-Rate-Limit-Time-Reset-Ms", "1000")
                : error(500, "Internal server error", Map.of());
    }

    public void reset() {
        windows.clear();
    }
}
