package io.stockline.simulator.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * WooCommerce's REST API v3 for products' stock: {@code products/batch} updates (at most 100 items a call) and
 * {@code products?include=} reads. Authentication is HTTP Basic with the consumer key and secret (or the
 * {@code consumer_key}/{@code consumer_secret} query parameters); errors are WordPress's {code, message, data.status}.
 */
@Startup
@ApplicationScoped
public class WooCommerceService {

    public static final int MAX_BATCH = 100;
    public static final int MAX_PER_PAGE = 100;

    private final ObjectMapper json;
    private final ListingStore store;
    private final CallStats stats;
    private final SimulatorSettings settings;
    private final SimulatorConfig config;
    /** Products whose stock management was switched off: WooCommerce then ignores and hides stock_quantity. */
    private final Map<String, Boolean> manageStock = new ConcurrentHashMap<>();

    public WooCommerceService(ObjectMapper json, ListingStore store, CallStats stats, SimulatorSettings settings, SimulatorConfig config) {
        this.json = json;
        this.store = store;
        this.stats = stats;
        this.settings = settings;
        this.config = config;
    }

    public Optional<Answer> unauthorized(String authorization, String queryKey, String querySecret) {
        String key = queryKey;
        String secret = querySecret;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                key = colon < 0 ? pair : pair.substring(0, colon);
                secret = colon < 0 ? "" : pair.substring(colon + 1);
            } catch (IllegalArgumentException notBase64) {
                key = null;
            }
        }
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            stats.authFailure(Marketplace.WOOCOMMERCE);
            return Optional.of(error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."));
        }
        if (config.woocommerce().consumerKey().map(key::equals).orElse(true) == false) {
            stats.authFailure(Marketplace.WOOCOMMERCE);
            return Optional.of(error(401, "woocommerce_rest_authentication_error", "Consumer key is invalid."));
        }
        if (config.woocommerce().consumerSecret().map(secret::equals).orElse(true) == false) {
            stats.authFailure(Marketplace.WOOCOMMERCE);
            return Optional.of(error(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid."));
        }
        return Optional.empty();
    }

    public Answer batch(String body) {
        return batch(null, body);
    }

    /** {@code products/{parent}/variations/batch}: the same as the products batch, for one variable product's variations. */
    public Answer batchVariations(String parent, String body) {
        if (!parent.matches("\\d+") || Long.parseLong(parent) <= 0) {
            return error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
        }
        return batch(parent, body);
    }

    /** The listing id the simulator keeps a product ({@code parent} null) or a variation by. */
    private static String listingId(String parent, String id) {
        return parent == null ? id : parent + "/" + id;
    }

    private Answer batch(String parent, String body) {
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (Exception unreadable) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return error(400, "rest_invalid_json", "Invalid JSON body passed.");
        }
        int total = request.path("create").size() + request.path("update").size() + request.path("delete").size();
        if (total > MAX_BATCH) {
            return error(413, "woocommerce_rest_request_entity_too_large",
                    "Unable to accept more than " + MAX_BATCH + " items for this request.");
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode updated = answer.putArray("update");
        String invalidId = parent == null ? "woocommerce_rest_product_invalid_id" : "woocommerce_rest_product_variation_invalid_id";
        for (JsonNode update : request.path("update")) {
            JsonNode id = update.path("id");
            String itemId = id.isIntegralNumber() || (id.isTextual() && id.asText().matches("\\d+")) ? id.asText() : null;
            if (itemId == null || Long.parseLong(itemId) <= 0) {
                updated.addObject().put("id", id.isIntegralNumber() ? id.asLong() : 0).set("error", errorBody(400, invalidId, "Invalid ID."));
                continue;
            }
            String productId = listingId(parent, itemId);
            ListingKey key = new ListingKey(Marketplace.WOOCOMMERCE, "", productId);
            if (store.find(key).isEmpty() && !settings.autoCreate()) {
                updated.addObject().put("id", Long.parseLong(itemId)).set("error", errorBody(400, invalidId, "Invalid ID."));
                continue;
            }
            JsonNode quantity = update.path("stock_quantity");
            if (update.has("stock_quantity") && !quantity.isNull() && !quantity.isIntegralNumber()
                    && !(quantity.isTextual() && quantity.asText().matches("-?\\d+"))) {
                updated.addObject().put("id", Long.parseLong(itemId)).set("error",
                        errorBody(400, "rest_invalid_param", "Invalid parameter(s): stock_quantity"));
                continue;
            }
            if (update.has("manage_stock")) {
                manageStock.put(productId, update.path("manage_stock").asBoolean(true));
            }
            boolean managed = manageStock.getOrDefault(productId, true);
            if (managed && update.has("stock_quantity") && !quantity.isNull()) {
                store.write(key, update.path("sku").isTextual() ? update.path("sku").asText() : null, quantity.asLong());
            }
            updated.add(product(productId));
        }
        answer.putArray("create");
        answer.putArray("delete");
        return Answer.of(200, answer);
    }

    public Answer list(String include, Integer perPage, Integer page) {
        return list(include, null, perPage, page);
    }

    /** {@code products/{parent}/variations?include=}: one variable product's variations. */
    public Answer listVariations(String parent, String include, Integer perPage, Integer page) {
        Answer badPage = badPerPage(perPage);
        if (badPage != null) {
            return badPage;
        }
        if (!parent.matches("\\d+")) {
            return error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
        }
        List<String> ids = new ArrayList<>();
        if (include == null || include.isBlank()) {
            store.list(Optional.of(Marketplace.WOOCOMMERCE), Optional.empty(), Optional.empty()).stream()
                    .map(Listing::listingId).filter(id -> id.startsWith(parent + "/")).forEach(ids::add);
        } else {
            Arrays.stream(include.split(",")).map(String::trim).filter(id -> id.matches("\\d+")).map(id -> parent + "/" + id)
                    .filter(id -> store.find(new ListingKey(Marketplace.WOOCOMMERCE, "", id)).isPresent()).forEach(ids::add);
        }
        return page(ids, perPage, page);
    }

    private Answer badPerPage(Integer perPage) {
        int size = perPage == null ? 10 : perPage;
        if (size < 1 || size > MAX_PER_PAGE) {
            ObjectNode answer = errorBody(400, "rest_invalid_param", "Invalid parameter(s): per_page");
            ((ObjectNode) answer.path("data")).putObject("params").put("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
            return Answer.of(400, answer);
        }
        return null;
    }

    private Answer page(List<String> ids, Integer perPage, Integer page) {
        int size = perPage == null ? 10 : perPage;
        int from = Math.max(0, ((page == null ? 1 : page) - 1) * size);
        ArrayNode products = json.createArrayNode();
        ids.stream().skip(from).limit(size).forEach(id -> products.add(product(id)));
        return Answer.of(200, products)
                .withHeader("X-WP-Total", String.valueOf(ids.size()))
                .withHeader("X-WP-TotalPages", String.valueOf((ids.size() + size - 1) / size));
    }

    /**
     * {@code sku}: exact SKUs, comma-separated; WooCommerce then lists variations too (type variation, with their
     * parent_id). A listing id {@code parent/variation} is a variation.
     */
    public Answer list(String include, String sku, Integer perPage, Integer page) {
        Answer badPage = badPerPage(perPage);
        if (badPage != null) {
            return badPage;
        }
        List<String> ids = new ArrayList<>();
        if (sku != null && !sku.isBlank()) {
            java.util.Set<String> skus = java.util.Set.of(sku.split(","));
            store.list(Optional.of(Marketplace.WOOCOMMERCE), Optional.empty(), Optional.empty()).stream()
                    .filter(listing -> listing.sku() != null && (skus.contains(listing.sku()) || sku.equals(listing.sku())))
                    .forEach(listing -> ids.add(listing.listingId()));
        } else if (include == null || include.isBlank()) {
            store.list(Optional.of(Marketplace.WOOCOMMERCE), Optional.empty(), Optional.empty()).stream()
                    .map(Listing::listingId).filter(id -> !id.contains("/")).forEach(ids::add);
        } else {
            Arrays.stream(include.split(",")).map(String::trim).filter(id -> id.matches("\\d+"))
                    .filter(id -> store.find(new ListingKey(Marketplace.WOOCOMMERCE, "", id)).isPresent()).forEach(ids::add);
        }
        return page(ids, perPage, page);
    }

    public Answer one(String id) {
        if (!id.matches("\\d+") || store.find(new ListingKey(Marketplace.WOOCOMMERCE, "", id)).isEmpty()) {
            return error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
        }
        return Answer.of(200, product(id));
    }

    /** A product, or a variation when {@code id} is {@code parent/variation}. */
    private ObjectNode product(String id) {
        Optional<Listing> held = store.find(new ListingKey(Marketplace.WOOCOMMERCE, "", id));
        boolean managed = manageStock.getOrDefault(id, true);
        int slash = id.indexOf('/');
        ObjectNode product = json.createObjectNode().put("id", Long.parseLong(id.substring(slash + 1)));
        if (slash < 0) {
            product.put("name", "Simulated product " + id).put("type", "simple");
        } else {
            product.put("parent_id", Long.parseLong(id.substring(0, slash))).put("type", "variation");
        }
        product.put("sku", held.map(Listing::sku).orElse("")).put("status", "publish").put("manage_stock", managed);
        if (managed && held.isPresent()) {
            product.put("stock_quantity", held.get().quantity());
            product.put("stock_status", held.get().quantity() > 0 ? "instock" : "outofstock");
        } else {
            product.putNull("stock_quantity");
            product.put("stock_status", "instock");
        }
        product.put("date_modified_gmt", held.map(listing -> listing.updatedAt().toString().replaceAll("\\.\\d+Z$", "").replace("Z", "")).orElse(null));
        return product;
    }

    private Answer error(int status, String code, String message) {
        return Answer.of(status, errorBody(status, code, message));
    }

    private ObjectNode errorBody(int status, String code, String message) {
        ObjectNode body = json.createObjectNode().put("code", code).put("message", message);
        body.putObject("data").put("status", status);
        return body;
    }

    /** The 429 or 500 a WooCommerce host gives when it fails outright (injected faults). */
    public Answer failure(FaultKind kind) {
        return kind == FaultKind.RATE_LIMITED
                ? error(429, "woocommerce_rest_too_many_requests", "Too many requests. Please wait and try again.").withHeader("Retry-After", "1")
                : error(500, "internal_server_error", "There has been a critical error on this website.");
    }

    public void reset() {
        manageStock.clear();
    }
}
