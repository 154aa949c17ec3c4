package io.stockline.simulator.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.Startup;
import io.stockline.simulator.config.SimulatorConfig;
import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.LeakyBucket;
import io.stockline.simulator.domain.Listing;
import io.stockline.simulator.domain.ListingKey;
import io.stockline.simulator.domain.Marketplace;

/**
 * Shopify's GraphQL Admin API, as far as inventory goes: the {@code inventorySetQuantities} mutation (compare-and-set
 * by {@code changeFromQuantity}, or {@code compareQuantity} before 2026-04; {@code @idempotent(key:)}) and reads of
 * inventory items' available quantity at a location. Calls are charged to a cost bucket per access token and
 * answered 200 THROTTLED when it runs short, with {@code extensions.cost} on every answer.
 */
@Startup
@ApplicationScoped
public class ShopifyService {

    public static final int MAX_QUANTITIES = 250;
    public static final int MUTATION_COST = 10;
    /** From this version on changeFromQuantity and the @idempotent directive are required. */
    static final String CHANGE_FROM_VERSION = "2026-04";
    static final String INVALID_TOKEN = "[API] Invalid API key or access token (unrecognized login or wrong password)";

    private static final Pattern ITEM_GID = Pattern.compile("gid://shopify/InventoryItem/\\d+");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/\\d+");
    private static final Pattern IDEMPOTENT = Pattern.compile(
            "@idempotent\\s*\\(\\s*key\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|\\$(\\w+))\\s*\\)");

    private final ObjectMapper json;
    private final ListingStore store;
    private final RateLimits limits;
    private final CallStats stats;
    private final SimulatorSettings settings;
    private final SimulatorConfig config;
    private final AtomicLong adjustmentGroups = new AtomicLong(1000);
    /**
     * The idempotency keys seen, oldest first, each for {@link #REMEMBER_KEYS_FOR} (far beyond the connector's retries of
     * one call) and at most {@value #REMEMBERED_KEYS}. The request and the answer are kept as JSON text: parsed, a call
     * of 100 quantities is a tree of some 400 maps, and the 1,250 calls of a channel benchmark run kept 170 MB of them,
     * which filled the simulator's heap and paused it for a young collection every second.
     */
    private final Map<String, Remembered> idempotency = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBERED_KEYS || eldest.getValue().at().isBefore(Instant.now().minus(REMEMBER_KEYS_FOR));
        }
    };
    static final int REMEMBERED_KEYS = 10_000;
    static final Duration REMEMBER_KEYS_FOR = Duration.ofMinutes(10);

    private record Remembered(String input, String payload, boolean failed, Instant at) {
    }

    public ShopifyService(ObjectMapper json, ListingStore store, RateLimits limits, CallStats stats,
            SimulatorSettings settings, SimulatorConfig config) {
        this.json = json;
        this.store = store;
        this.limits = limits;
        this.stats = stats;
        this.settings = settings;
        this.config = config;
    }

    /** Names the operation a request body asks for, for the call statistics. */
    public static String operation(String body) {
        return body != null && body.contains("inventorySetQuantities") ? "inventorySetQuantities" : "inventoryRead";
    }

    public Answer graphql(String version, String accessToken, String body) {
        if (accessToken == null || accessToken.isBlank()
                || config.shopify().accessToken().map(expected -> !expected.equals(accessToken)).orElse(false)) {
            stats.authFailure(Marketplace.SHOPIFY);
            return Answer.of(401, json.createObjectNode().put("errors", INVALID_TOKEN));
        }
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (Exception unreadable) {
            request = null;
        }
        if (request == null || !request.isObject() || !request.path("query").isTextual()) {
            ObjectNode answer = json.createObjectNode();
            answer.putObject("errors").put("query", "Required parameter missing or invalid");
            return Answer.of(400, answer);
        }
        String query = request.path("query").asText();
        JsonNode variables = request.path("variables");
        boolean mutation = query.stripLeading().startsWith("mutation");
        if (mutation && query.contains("inventorySetQuantities")) {
            return charged(accessToken, MUTATION_COST, () -> setQuantities(version, accessToken, query, variables));
        }
        if (!mutation && query.contains("productVariants")) {
            int first = Math.max(1, Math.min(250, variables.path("first").asInt(50)));
            return charged(accessToken, 2 + 2 * first, () -> variantsBySku(variables.path("query").asText(""), first));
        }
        if (!mutation && (query.contains("inventoryItem") || query.contains("nodes") || query.contains("inventoryLevel"))) {
            Reads reads = reads(query, variables);
            return charged(accessToken, 1 + 2 * Math.max(1, reads.items().size()), () -> read(query, reads));
        }
        ObjectNode answer = json.createObjectNode();
        answer.putArray("errors").addObject()
                .put("message", "The simulator answers only inventorySetQuantities and inventory item/level reads")
                .putObject("extensions").put("code", "undefinedField");
        return Answer.of(200, answer);
    }

    private Answer charged(String accessToken, int cost, Supplier<ObjectNode> work) {
        LeakyBucket.Result bucket = limits.shopifyCost(accessToken, cost);
        if (!bucket.granted()) {
            stats.rateLimitViolation(Marketplace.SHOPIFY);
            if (settings.enforceRateLimits()) {
                stats.throttled(Marketplace.SHOPIFY);
                ObjectNode answer = json.createObjectNode();
                ObjectNode error = answer.putArray("errors").addObject().put("message", "Throttled");
                error.putObject("extensions").put("code", "THROTTLED")
                        .put("documentation", "https://shopify.dev/api/usage/limits#rate-limiting");
                putCost(answer, cost, null, bucket);
                return Answer.of(200, answer);
            }
        }
        ObjectNode answer = work.get();
        putCost(answer, cost, cost, bucket);
        return Answer.of(200, answer);
    }

    private void putCost(ObjectNode answer, int requested, Integer actual, LeakyBucket.Result bucket) {
        ObjectNode cost = answer.putObject("extensions").putObject("cost");
        cost.put("requestedQueryCost", requested);
        if (actual == null) {
            cost.putNull("actualQueryCost");
        } else {
            cost.put("actualQueryCost", actual);
        }
        cost.putObject("throttleStatus")
                .put("maximumAvailable", bucket.maximumAvailable())
                .put("currentlyAvailable", Math.floor(bucket.currentlyAvailable()))
                .put("restoreRate", bucket.restoreRate());
    }

    private static final java.util.regex.Pattern SKU_TERM = java.util.regex.Pattern.compile("sku:(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s\"]+))");

    /**
     * {@code productVariants(first:, query:)} with {@code sku:"A" OR sku:"B"} terms: the variants (one per inventory
     * item the simulator holds, at any location) whose SKU is one of them, with their inventory item.
     */
    private ObjectNode variantsBySku(String search, int first) {
        java.util.Set<String> skus = new java.util.HashSet<>();
        Matcher term = SKU_TERM.matcher(search);
        while (term.find()) {
            skus.add(term.group(1) != null ? term.group(1).replaceAll("\\\\(.)", "$1") : term.group(2));
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode nodes = answer.putObject("data").putObject("productVariants").putArray("nodes");
        store.list(Optional.of(Marketplace.SHOPIFY), Optional.empty(), Optional.empty()).stream()
                .filter(listing -> listing.sku() != null && skus.contains(listing.sku()))
                .collect(java.util.stream.Collectors.toMap(Listing::listingId, Listing::sku, (a, b) -> a, java.util.LinkedHashMap::new))
                .entrySet().stream().limit(first).forEach(variant -> {
                    ObjectNode node = nodes.addObject()
                            .put("id", "gid://shopify/ProductVariant/" + variant.getKey().replaceAll("^.*/", ""))
                            .put("sku", variant.getValue());
                    node.putObject("inventoryItem").put("id", variant.getKey());
                });
        return answer;
    }

    /** The 429 or 500 Shopify gives when it fails outright (injected faults). */
    public Answer failure(FaultKind kind) {
        ObjectNode answer = json.createObjectNode();
        if (kind == FaultKind.RATE_LIMITED) {
            ObjectNode error = answer.putArray("errors").addObject().put("message", "Throttled");
            error.putObject("extensions").put("code", "THROTTLED");
            return Answer.of(429, answer).withHeader("Retry-After", "1");
        }
        ObjectNode error = answer.putArray("errors").addObject().put("message", "Internal error. Looks like something went wrong on our end.");
        error.putObject("extensions").put("code", "INTERNAL_SERVER_ERROR");
        return Answer.of(500, answer);
    }

    // ---- inventorySetQuantities

    private ObjectNode setQuantities(String version, String accessToken, String query, JsonNode variables) {
        boolean changeFromEra = version.compareTo(CHANGE_FROM_VERSION) >= 0;
        JsonNode input = variables.path("input");
        if (!input.isObject()) {
            return topLevelError("Variable $input of type InventorySetQuantitiesInput! was provided invalid value", "INVALID_VARIABLE", null);
        }
        JsonNode quantities = input.path("quantities");
        if (!quantities.isArray()) {
            return topLevelError("Variable $input of type InventorySetQuantitiesInput! was provided invalid value for quantities (Expected value to not be null)",
                    "INVALID_VARIABLE", null);
        }
        if (quantities.size() > MAX_QUANTITIES) {
            return topLevelError("The input array size of " + quantities.size() + " is greater than the maximum allowed of " + MAX_QUANTITIES + ".",
                    "MAX_INPUT_SIZE_EXCEEDED", List.of("inventorySetQuantities", "input", "quantities"));
        }
        for (JsonNode quantity : quantities) {
            if (!quantity.path("quantity").isIntegralNumber()) {
                return topLevelError("Variable $input of type InventorySetQuantitiesInput! was provided invalid value for quantities.quantity (Expected value to be an Int)",
                        "INVALID_VARIABLE", null);
            }
        }
        Optional<String> key = idempotencyKey(query, variables);
        if (key.isEmpty() && changeFromEra) {
            return topLevelError("The @idempotent directive with a key is required for inventorySetQuantities as of API version "
                    + CHANGE_FROM_VERSION + ".", "BAD_REQUEST", List.of("inventorySetQuantities"));
        }
        if (key.isEmpty()) {
            return data(store.atomically(view -> apply(changeFromEra, input)));
        }
        String rememberedAs = accessToken + "\n" + key.get();
        return data(store.atomically(view -> {
            synchronized (idempotency) {
                Remembered earlier = idempotency.get(rememberedAs);
                if (earlier != null) {
                    if (!parse(earlier.input()).equals(input)) {
                        return payloadWithError("IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
                                "The same idempotency key cannot be used with different operation parameters.", List.of("input"));
                    }
                    if (earlier.failed()) {
                        return payloadWithError("IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED",
                                "A previous request with this idempotency key failed. Retry with a new idempotency key.", List.of("input"));
                    }
                    return (ObjectNode) parse(earlier.payload());
                }
                ObjectNode payload = apply(changeFromEra, input);
                idempotency.put(rememberedAs, new Remembered(input.toString(), payload.toString(),
                        !payload.path("userErrors").isEmpty(), Instant.now()));
                return payload;
            }
        }));
    }

    private JsonNode parse(String remembered) {
        try {
            return json.readTree(remembered);
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable); // it was written from a parsed tree
        }
    }

    private Optional<String> idempotencyKey(String query, JsonNode variables) {
        Matcher matcher = IDEMPOTENT.matcher(query);
        if (!matcher.find()) {
            return Optional.empty();
        }
        if (matcher.group(1) != null) {
            return Optional.of(matcher.group(1)).filter(key -> !key.isBlank());
        }
        JsonNode value = variables.path(matcher.group(2));
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Checks every quantity first and writes none when any is refused, as Shopify does. Runs under the store's lock. */
    private ObjectNode apply(boolean changeFromEra, JsonNode input) {
        ArrayNode errors = json.createArrayNode();
        String name = input.path("name").asText("");
        if (!name.equals("available")) {
            userError(errors, "INVALID_NAME", "The quantity name must be 'available' (the simulator holds available quantities only).", "input", "name");
        }
        String reason = input.path("reason").asText("");
        if (reason.isBlank()) {
            userError(errors, "INVALID_REASON", "The reason is required.", "input", "reason");
        }
        boolean ignoreCompare = input.path("ignoreCompareQuantity").asBoolean(false);
        JsonNode quantities = input.path("quantities");
        Set<ListingKey> seen = new LinkedHashSet<>();
        List<ListingKey> keys = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            JsonNode line = quantities.get(i);
            String index = String.valueOf(i);
            String item = line.path("inventoryItemId").asText("");
            String location = line.path("locationId").asText("");
            long quantity = line.path("quantity").asLong();
            ListingKey key = new ListingKey(Marketplace.SHOPIFY, location, item);
            keys.add(key);
            if (!ITEM_GID.matcher(item).matches()) {
                userError(errors, "INVALID_INVENTORY_ITEM", "The specified inventory item could not be found.", "input", "quantities", index, "inventoryItemId");
                continue;
            }
            if (!LOCATION_GID.matcher(location).matches()) {
                userError(errors, "INVALID_LOCATION", "The specified location could not be found.", "input", "quantities", index, "locationId");
                continue;
            }
            if (!seen.add(key)) {
                userError(errors, "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR",
                        "The combination of inventoryItemId and locationId must be unique.", "input", "quantities", index);
                continue;
            }
            if (quantity < 0) {
                userError(errors, "INVALID_QUANTITY_NEGATIVE", "The quantity can't be negative.", "input", "quantities", index, "quantity");
            }
            Optional<Listing> held = store.find(key);
            if (held.isEmpty() && !settings.autoCreate()) {
                userError(errors, "ITEM_NOT_STOCKED_AT_LOCATION", "The specified inventory item is not stocked at the location.",
                        "input", "quantities", index, "locationId");
                continue;
            }
            long persisted = held.map(Listing::quantity).orElse(0L);
            compare(errors, changeFromEra, ignoreCompare, line, persisted, index);
        }
        if (!errors.isEmpty()) {
            ObjectNode payload = json.createObjectNode();
            payload.putNull("inventoryAdjustmentGroup");
            payload.set("userErrors", errors);
            return payload;
        }
        Instant now = Instant.now();
        ObjectNode payload = json.createObjectNode();
        ObjectNode group = payload.putObject("inventoryAdjustmentGroup")
                .put("id", "gid://shopify/InventoryAdjustmentGroup/" + adjustmentGroups.incrementAndGet())
                .put("createdAt", now.toString()).put("reason", reason);
        if (input.hasNonNull("referenceDocumentUri")) {
            group.put("referenceDocumentUri", input.path("referenceDocumentUri").asText());
        } else {
            group.putNull("referenceDocumentUri");
        }
        ArrayNode changes = group.putArray("changes");
        for (int i = 0; i < keys.size(); i++) {
            ListingKey key = keys.get(i);
            long quantity = quantities.get(i).path("quantity").asLong();
            long before = store.find(key).map(Listing::quantity).orElse(0L);
            store.write(key, null, quantity);
            ObjectNode change = changes.addObject().put("name", "available").put("delta", quantity - before)
                    .put("quantityAfterChange", quantity);
            change.putObject("item").put("id", key.listingId());
            change.putObject("location").put("id", key.scope());
        }
        payload.putArray("userErrors");
        return payload;
    }

    private void compare(ArrayNode errors, boolean changeFromEra, boolean ignoreCompare, JsonNode line, long persisted, String index) {
        if (line.has("changeFromQuantity")) {
            JsonNode expected = line.get("changeFromQuantity");
            if (!expected.isNull() && expected.asLong() != persisted) {
                userError(errors, "CHANGE_FROM_QUANTITY_STALE", "The changeFromQuantity value does not match persisted value.",
                        "input", "quantities", index, "changeFromQuantity");
            }
            return;
        }
        if (changeFromEra) {
            userError(errors, "CHANGE_FROM_QUANTITY_REQUIRED",
                    "changeFromQuantity is required: give the persisted quantity, or null to skip the check.",
                    "input", "quantities", index, "changeFromQuantity");
            return;
        }
        if (ignoreCompare) {
            return;
        }
        JsonNode expected = line.path("compareQuantity");
        if (!expected.isIntegralNumber()) {
            userError(errors, "COMPARE_QUANTITY_REQUIRED",
                    "The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.",
                    "input", "quantities", index, "compareQuantity");
        } else if (expected.asLong() != persisted) {
            userError(errors, "COMPARE_QUANTITY_STALE", "The compareQuantity value does not match persisted value.",
                    "input", "quantities", index, "compareQuantity");
        }
    }

    private void userError(ArrayNode errors, String code, String message, String... field) {
        ObjectNode error = errors.addObject();
        ArrayNode path = error.putArray("field");
        for (String part : field) {
            path.add(part);
        }
        error.put("message", message).put("code", code);
    }

    private ObjectNode payloadWithError(String code, String message, List<String> field) {
        ArrayNode errors = json.createArrayNode();
        userError(errors, code, message, field.toArray(String[]::new));
        ObjectNode payload = json.createObjectNode();
        payload.putNull("inventoryAdjustmentGroup");
        payload.set("userErrors", errors);
        return payload;
    }

    private ObjectNode data(ObjectNode payload) {
        ObjectNode answer = json.createObjectNode();
        answer.putObject("data").set("inventorySetQuantities", payload);
        return answer;
    }

    private ObjectNode topLevelError(String message, String code, List<String> path) {
        ObjectNode answer = json.createObjectNode();
        ObjectNode error = answer.putArray("errors").addObject().put("message", message);
        if (path != null) {
            ArrayNode at = error.putArray("path");
            path.forEach(at::add);
        }
        error.putObject("extensions").put("code", code);
        return answer;
    }

    // ---- reads

    /** The inventory items a read names (in variables or inline) and the location it asks about, if any. */
    record Reads(List<String> items, Optional<String> location) {
    }

    private Reads reads(String query, JsonNode variables) {
        Set<String> items = new LinkedHashSet<>();
        List<String> locations = new ArrayList<>();
        collect(variables, items, locations);
        Matcher inlineItems = ITEM_GID.matcher(query);
        while (inlineItems.find()) {
            items.add(inlineItems.group());
        }
        Matcher inlineLocations = LOCATION_GID.matcher(query);
        while (inlineLocations.find()) {
            locations.add(inlineLocations.group());
        }
        return new Reads(List.copyOf(items), locations.stream().findFirst());
    }

    private static void collect(JsonNode node, Set<String> items, List<String> locations) {
        if (node.isTextual()) {
            String text = node.asText();
            if (ITEM_GID.matcher(text).matches()) {
                items.add(text);
            } else if (LOCATION_GID.matcher(text).matches()) {
                locations.add(text);
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, items, locations));
        }
    }

    private ObjectNode read(String query, Reads reads) {
        ObjectNode answer = json.createObjectNode();
        ObjectNode data = answer.putObject("data");
        List<ObjectNode> nodes = reads.items().stream().map(item -> itemNode(item, reads.location())).toList();
        if (query.contains("nodes")) {
            ArrayNode array = data.putArray("nodes");
            nodes.forEach(array::add);
        } else {
            data.set("inventoryItem", nodes.isEmpty() ? null : nodes.get(0));
        }
        return answer;
    }

    /** An InventoryItem with every field a connector might select: its level at the asked location and all its levels. */
    private ObjectNode itemNode(String item, Optional<String> location) {
        List<Listing> levels = store.list(Optional.of(Marketplace.SHOPIFY), Optional.empty(), Optional.of(item));
        if (levels.isEmpty()) {
            return null;
        }
        ObjectNode node = json.createObjectNode().put("__typename", "InventoryItem").put("id", item);
        if (location.isPresent()) {
            node.set("inventoryLevel", levels.stream().filter(level -> level.scope().equals(location.get())).findFirst()
                    .map(this::levelNode).orElse(null));
        }
        ObjectNode connection = node.putObject("inventoryLevels");
        ArrayNode levelNodes = connection.putArray("nodes");
        ArrayNode edges = connection.putArray("edges");
        for (Listing level : levels) {
            levelNodes.add(levelNode(level));
            edges.addObject().set("node", levelNode(level));
        }
        return node;
    }

    private ObjectNode levelNode(Listing level) {
        String itemNumber = level.listingId().substring(level.listingId().lastIndexOf('/') + 1);
        String locationNumber = level.scope().substring(level.scope().lastIndexOf('/') + 1);
        ObjectNode node = json.createObjectNode()
                .put("id", "gid://shopify/InventoryLevel/" + locationNumber + "?inventory_item_id=" + itemNumber)
                .put("updatedAt", level.updatedAt().toString());
        node.putObject("location").put("id", level.scope());
        node.putObject("item").put("id", level.listingId());
        node.putArray("quantities").addObject().put("name", "available").put("quantity", level.quantity());
        return node;
    }

    public void reset() {
        synchronized (idempotency) {
            idempotency.clear();
        }
    }
}
