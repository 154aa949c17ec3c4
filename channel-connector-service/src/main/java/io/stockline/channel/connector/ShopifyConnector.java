package io.stockline.channel.connector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Shopify GraphQL Admin API: {@code inventorySetQuantities} sets the "available" quantity of up to 250
 * inventory items at the channel's location in one call, compare-and-set through {@code changeFromQuantity}
 * (null when Stockline does not know what Shopify holds) and made idempotent with the {@code @idempotent}
 * directive (required from 2026-04). A listing id is an InventoryItem GID; options {@code locationId} (Location
 * GID, required), {@code apiVersion} (default {@value #DEFAULT_API_VERSION}), {@code reason} (default correction).
 * Credential {@code accessToken} goes in X-Shopify-Access-Token. Shopify limits by query cost; every answer's
 * {@code extensions.cost.throttleStatus} comes back as the reply's {@link RateSignal} (the dispatcher resets the
 * channel's bucket to it), and a THROTTLED error asks to wait until the missing points are restored.
 * <p>
 * Lookup by SKU: {@code productVariants(first:, query: "sku:\"A\" OR sku:\"B\"")} returns each variant's
 * {@code sku} and {@code inventoryItem { id }} (the listing id pushed to). Shopify's search may match more loosely
 * than equality, so only variants whose {@code sku} equals the SKU count: one is FOUND, none MISSING, more than one
 * AMBIGUOUS (Shopify does not keep SKUs unique).
 */
@ApplicationScoped
public class ShopifyConnector implements MarketplaceConnector {

    static final String DEFAULT_API_VERSION = "2026-04";
    static final String ACCESS_TOKEN_HEADER = "X-Shopify-Access-Token";
    /** A mutation's cost in Shopify's calculated query cost. */
    static final double MUTATION_COST = 10;

    static final String SET_QUANTITIES = "mutation StocklineSetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) "
            + "{ inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) "
            + "{ inventoryAdjustmentGroup { id } userErrors { field message code } } }";

    /** Before 2026-01 there is no @idempotent directive: the older versions compare with compareQuantity. */
    static final String SET_QUANTITIES_BEFORE_IDEMPOTENCY = "mutation StocklineSetAvailable($input: InventorySetQuantitiesInput!) "
            + "{ inventorySetQuantities(input: $input) "
            + "{ inventoryAdjustmentGroup { id } userErrors { field message code } } }";

    static final String READ_AVAILABLE = "query StocklineAvailable($ids: [ID!]!, $locationId: ID!) "
            + "{ nodes(ids: $ids) { ... on InventoryItem { id inventoryLevel(locationId: $locationId) "
            + "{ quantities(names: [\"available\"]) { name quantity } } } } }";

    /** Variants by SKU: Shopify's search syntax {@code sku:"A" OR sku:"B"}; the match is checked exactly here. */
    static final String VARIANTS_BY_SKU = "query StocklineVariantsBySku($query: String!, $first: Int!) "
            + "{ productVariants(first: $first, query: $query) { nodes { id sku inventoryItem { id } } } }";
    static final int LOOKUP_SKUS = 20;
    static final int LOOKUP_FIRST = 50;

    private final MarketplaceHttp http;

    public ShopifyConnector(MarketplaceHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.SHOPIFY;
    }

    @Override
    public int maxBatchSize() {
        return 250;
    }

    /** Standard plan: 100 points restored per second; the first answer's throttleStatus corrects both numbers. */
    @Override
    public DocumentedLimit rateLimit() {
        return new DocumentedLimit(1000, 100);
    }

    @Override
    public double callCost(int listings) {
        return MUTATION_COST;
    }

    /** A node with its level and quantities costs about three points; 100 ids keep a read well under the 1000-point cap of one query. */
    @Override
    public int maxReadBatchSize() {
        return 100;
    }

    @Override
    public double readCost(int listings) {
        return 1 + 3.0 * listings;
    }

    @Override
    public Uni<Reply<List<ListingOutcome>>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        String locationId = locationId(channel);
        String apiVersion = channel.option("apiVersion", DEFAULT_API_VERSION);
        boolean changeFrom = atLeast(apiVersion, "2026-04");
        boolean idempotent = atLeast(apiVersion, "2026-01");
        JsonArray quantities = new JsonArray();
        for (ListingUpdate update : updates) {
            JsonObject quantity = new JsonObject()
                    .put("inventoryItemId", update.listingId())
                    .put("locationId", locationId)
                    .put("quantity", update.quantity());
            if (changeFrom) {
                // explicit null opts out of compare-and-set; leaving the field out is an error from 2026-04
                quantity.put("changeFromQuantity", update.lastPushedQuantity());
            } else if (update.lastPushedQuantity() != null) {
                quantity.put("compareQuantity", update.lastPushedQuantity());
            }
            quantities.add(quantity);
        }
        JsonObject input = new JsonObject()
                .put("name", "available")
                .put("reason", channel.option("reason", "correction"))
                .put("referenceDocumentUri", "stockline://channel/" + channel.channelId() + "/sync")
                .put("quantities", quantities);
        if (!changeFrom && updates.stream().anyMatch(update -> update.lastPushedQuantity() == null)) {
            // before 2026-04 the compare is all or nothing for the call
            input.put("ignoreCompareQuantity", true);
            quantities.forEach(quantity -> ((JsonObject) quantity).remove("compareQuantity"));
        }
        JsonObject variables = new JsonObject().put("input", input);
        if (idempotent) {
            variables.put("idempotencyKey", idempotencyKey(updates));
        }
        JsonObject body = new JsonObject().put("query", idempotent ? SET_QUANTITIES : SET_QUANTITIES_BEFORE_IDEMPOTENCY)
                .put("variables", variables);
        return graphql(channel, body).map(reply -> reply.map(data -> outcomes(updates, data.getJsonObject("inventorySetQuantities"))));
    }

    @Override
    public boolean canReadBack() {
        return true;
    }

    @Override
    public Uni<Reply<Map<String, Long>>> read(ChannelAccess channel, List<String> listingIds) {
        JsonObject body = new JsonObject().put("query", READ_AVAILABLE).put("variables",
                new JsonObject().put("ids", new JsonArray(new ArrayList<Object>(listingIds))).put("locationId", locationId(channel)));
        return graphql(channel, body).map(reply -> reply.map(data -> {
            Map<String, Long> held = new HashMap<>();
            JsonArray nodes = data.getJsonArray("nodes", new JsonArray());
            for (int i = 0; i < nodes.size(); i++) {
                JsonObject node = nodes.getJsonObject(i);
                JsonObject level = node == null ? null : node.getJsonObject("inventoryLevel");
                if (level == null) {
                    continue;
                }
                JsonArray named = level.getJsonArray("quantities", new JsonArray());
                for (int q = 0; q < named.size(); q++) {
                    JsonObject quantity = named.getJsonObject(q);
                    if ("available".equals(quantity.getString("name"))) {
                        held.put(node.getString("id"), quantity.getLong("quantity"));
                    }
                }
            }
            return held;
        }));
    }

    @Override
    public boolean canLookUp() {
        return true;
    }

    @Override
    public int maxLookupBatchSize() {
        return LOOKUP_SKUS;
    }

    /** A connection of {@value #LOOKUP_FIRST} variants with their inventory item: about two points a node. */
    @Override
    public double lookupCost(int skus) {
        return 2 + 2.0 * LOOKUP_FIRST;
    }

    @Override
    public Uni<Reply<Map<String, SkuLookup>>> lookup(ChannelAccess channel, List<String> skus) {
        String query = skus.stream().map(sku -> "sku:\"" + sku.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(" OR "));
        JsonObject body = new JsonObject().put("query", VARIANTS_BY_SKU)
                .put("variables", new JsonObject().put("query", query).put("first", LOOKUP_FIRST));
        return graphql(channel, body).map(reply -> reply.map(data -> {
            Map<String, List<String>> itemsBySku = new HashMap<>();
            JsonObject variants = data.getJsonObject("productVariants", new JsonObject());
            JsonArray nodes = variants.getJsonArray("nodes", new JsonArray());
            for (int i = 0; i < nodes.size(); i++) {
                JsonObject node = nodes.getJsonObject(i);
                JsonObject item = node.getJsonObject("inventoryItem");
                if (item != null && item.getString("id") != null) {
                    itemsBySku.computeIfAbsent(node.getString("sku", ""), sku -> new ArrayList<>()).add(item.getString("id"));
                }
            }
            Map<String, SkuLookup> found = new HashMap<>();
            for (String sku : skus) {
                List<String> items = itemsBySku.getOrDefault(sku, List.of());
                found.put(sku, items.isEmpty() ? SkuLookup.missing(sku, "no Shopify variant has SKU " + sku)
                        : items.size() > 1 ? SkuLookup.ambiguous(sku, items.size() + " Shopify variants have SKU " + sku
                                + " (inventory items " + String.join(", ", items) + "); import the one to push to")
                        : SkuLookup.found(sku, items.get(0)));
            }
            return Map.copyOf(found);
        }));
    }

    private Uni<Reply<JsonObject>> graphql(ChannelAccess channel, JsonObject body) {
        String what = "shopify " + channel.channelId();
        String url = MarketplaceHttp.url(channel, "/admin/api/" + channel.option("apiVersion", DEFAULT_API_VERSION) + "/graphql.json");
        return http.request(HttpMethod.POST, url).flatMap(request -> request
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .putHeader(ACCESS_TOKEN_HEADER, channel.credential("accessToken"))
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .sendBuffer(Buffer.buffer(body.encode())))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> data(what, response));
    }

    private Reply<JsonObject> data(String what, HttpResponse<Buffer> response) {
        if (!MarketplaceHttp.ok(response)) {
            throw MarketplaceHttp.failure(what, response);
        }
        JsonObject body = response.bodyAsJsonObject();
        JsonObject cost = body.getJsonObject("extensions", new JsonObject()).getJsonObject("cost");
        JsonObject throttle = cost == null ? null : cost.getJsonObject("throttleStatus");
        RateSignal signal = throttle == null ? RateSignal.NONE
                : RateSignal.bucket(throttle.getDouble("currentlyAvailable", 0d),
                        throttle.getDouble("maximumAvailable", 0d), throttle.getDouble("restoreRate", 0d));
        try {
            return Reply.of(payload(what, body, cost, throttle), signal);
        } catch (MarketplaceException failure) {
            throw failure.carrying(signal);
        }
    }

    private static JsonObject payload(String what, JsonObject body, JsonObject cost, JsonObject throttle) {
        if (body.getValue("errors") instanceof String message) {
            MarketplaceHttp.logAnswer(what, 200, message);
            throw new MarketplaceException.PermanentFailure(what + " answered an error");
        }
        JsonArray errors = body.getJsonArray("errors");
        if (errors != null && !errors.isEmpty()) {
            for (int i = 0; i < errors.size(); i++) {
                JsonObject error = errors.getJsonObject(i);
                String code = error.getJsonObject("extensions", new JsonObject()).getString("code", "");
                if ("THROTTLED".equals(code)) {
                    throw new MarketplaceException.Throttled(what + " THROTTLED", waitForPoints(cost, throttle));
                }
                if ("INTERNAL_SERVER_ERROR".equals(code) || "SERVICE_UNAVAILABLE".equals(code)) {
                    throw new MarketplaceException.TransientFailure(what + " " + code);
                }
                if ("ACCESS_DENIED".equals(code) || "UNAUTHORIZED".equals(code)) {
                    throw new MarketplaceException.AuthenticationFailure(what + " " + code);
                }
            }
            MarketplaceHttp.logAnswer(what, 200, errors.encode());
            throw new MarketplaceException.PermanentFailure(what + " GraphQL errors: " + codes(errors));
        }
        JsonObject data = body.getJsonObject("data");
        if (data == null) {
            throw new MarketplaceException.TransientFailure(what + " answered without data");
        }
        return data;
    }

    /** How long until Shopify has restored the points the refused call asked for. */
    static Duration waitForPoints(JsonObject cost, JsonObject throttle) {
        if (cost == null || throttle == null) {
            return MarketplaceHttp.DEFAULT_RETRY_AFTER;
        }
        double requested = cost.getDouble("requestedQueryCost", MUTATION_COST);
        double available = throttle.getDouble("currentlyAvailable", 0d);
        double restoreRate = throttle.getDouble("restoreRate", 0d);
        if (restoreRate <= 0) {
            return MarketplaceHttp.DEFAULT_RETRY_AFTER;
        }
        double seconds = Math.max(0, requested - available) / restoreRate;
        return Duration.ofMillis(Math.max(100, Math.round(seconds * 1000)));
    }

    static List<ListingOutcome> outcomes(List<ListingUpdate> updates, JsonObject payload) {
        if (payload == null) {
            throw new MarketplaceException.TransientFailure("shopify answered without inventorySetQuantities");
        }
        JsonArray userErrors = payload.getJsonArray("userErrors", new JsonArray());
        Map<Integer, JsonObject> errorByIndex = new HashMap<>();
        List<String> general = new ArrayList<>();
        for (int i = 0; i < userErrors.size(); i++) {
            JsonObject error = userErrors.getJsonObject(i);
            String code = error.getString("code", "");
            if ("IDEMPOTENCY_CONCURRENT_REQUEST".equals(code)) {
                throw new MarketplaceException.TransientFailure("shopify: the same call is still in progress");
            }
            Integer index = quantityIndex(error.getJsonArray("field"));
            if (index != null && index < updates.size()) {
                errorByIndex.putIfAbsent(index, error);
            } else {
                general.add(code);
            }
        }
        if (!userErrors.isEmpty()) {
            MarketplaceHttp.logAnswer("shopify inventorySetQuantities userErrors", 200, userErrors.encode());
        }
        if (!general.isEmpty() && errorByIndex.isEmpty()) {
            throw new MarketplaceException.PermanentFailure("shopify refused the call: " + String.join("; ", general));
        }
        // the mutation is all or nothing: with any error, nothing was set, so the others must be read back and sent again
        boolean applied = payload.getValue("inventoryAdjustmentGroup") != null && userErrors.isEmpty();
        List<ListingOutcome> outcomes = new ArrayList<>(updates.size());
        for (int i = 0; i < updates.size(); i++) {
            ListingUpdate update = updates.get(i);
            JsonObject error = errorByIndex.get(i);
            if (error != null) {
                String code = error.getString("code", "");
                ListingOutcome.Status status = switch (code) {
                    case "CHANGE_FROM_QUANTITY_STALE", "COMPARE_QUANTITY_STALE", "IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED" -> ListingOutcome.Status.CONFLICT;
                    default -> ListingOutcome.Status.REJECTED;
                };
                outcomes.add(new ListingOutcome(update.sku(), update.listingId(), status, null, code));
            } else if (applied || userErrors.isEmpty()) {
                outcomes.add(ListingOutcome.applied(update));
            } else {
                outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.CONFLICT, null,
                        "not set: Shopify refused the whole call because of another quantity in it"));
            }
        }
        return outcomes;
    }

    /** The error codes of a GraphQL {@code errors} array (what the API may show), "UNKNOWN" for an error without one. */
    static String codes(JsonArray errors) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            Object error = errors.getValue(i);
            String code = error instanceof JsonObject object
                    ? object.getJsonObject("extensions", new JsonObject()).getString("code", "UNKNOWN") : "UNKNOWN";
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return String.join(", ", codes);
    }

    /** The index of the quantity a user error names, from a field path like ["input","quantities","3","changeFromQuantity"]. */
    static Integer quantityIndex(JsonArray field) {
        if (field == null) {
            return null;
        }
        for (int i = 0; i + 1 < field.size(); i++) {
            if ("quantities".equals(String.valueOf(field.getValue(i)))) {
                try {
                    return Integer.parseInt(String.valueOf(field.getValue(i + 1)));
                } catch (NumberFormatException notIndex) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Stable for the same updates with the same numbers, so a retried call is recognised; new when any number changes. */
    static String idempotencyKey(List<ListingUpdate> updates) {
        StringBuilder material = new StringBuilder();
        for (ListingUpdate update : updates) {
            material.append(update.idempotencyKey()).append('|').append(update.quantity()).append('|')
                    .append(update.lastPushedQuantity()).append('\n');
        }
        return UUID.nameUUIDFromBytes(material.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether a Shopify API version (YYYY-MM, or "unstable", the newest) is {@code version} or later. */
    static boolean atLeast(String apiVersion, String version) {
        return "unstable".equals(apiVersion) || apiVersion.compareTo(version) >= 0;
    }

    private static String locationId(ChannelAccess channel) {
        String locationId = channel.options().get("locationId");
        if (locationId == null) {
            throw new MarketplaceException.PermanentFailure("shopify channel " + channel.channelId() + " has no option locationId");
        }
        return locationId;
    }
}
