package io.stockline.channel.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * BigCommerce REST Management API v3 (https://api.bigcommerce.com/stores/{store_hash}/v3), as BigCommerce documents it:
 * <ul>
 * <li>Push: "Absolute adjustment" {@code PUT /v3/inventory/adjustments/absolute} with {@code {reason, items: [{location_id,
 * variant_id, quantity}]}} sets the on-hand quantity of each variant at the location (items may name a variant by
 * {@code variant_id}, {@code product_id} or {@code sku}; a listing id here is the variant id, so the item is never
 * ambiguous). One adjustment is one transaction ({@code transaction_id} in the 200 answer). A 422 names the items it
 * refused ({@code errors} keyed {@code items.N...}): those are REJECTED; the adjustment was not made, so the others come
 * back CONFLICT (read back, push again). A 207 applied the items it does not name. We send at most {@value #BATCH} items
 * per call.</li>
 * <li>Read back: "Get inventory at locations" {@code GET /v3/inventory/items?variant_id:in=..&location_id:in=..}: each
 * item's {@code identity.variant_id} and, per location, {@code total_inventory_onhand} (what an absolute adjustment
 * sets).</li>
 * <li>Lookup by SKU: "Get all variants" {@code GET /v3/catalog/variants?sku:in=..} ({@code include_fields=sku,product_id},
 * {@code limit=250}): a SKU matching exactly one variant is FOUND (its id), none MISSING, more than one AMBIGUOUS
 * (BigCommerce keeps SKUs unique per store, so this only guards against a store that does not).</li>
 * <li>Authentication: store API account token in {@code X-Auth-Token} (credential {@code accessToken}); options
 * {@code storeHash} (required), {@code locationId} (default 1, the store's default location), {@code reason}.</li>
 * <li>Rate limits ("API rate limits"): a store quota per window (Plus and Standard 150 per 30 s, Pro 450 per 30 s),
 * every answer saying {@code X-Rate-Limit-Requests-Left}, {@code X-Rate-Limit-Requests-Quota},
 * {@code X-Rate-Limit-Time-Window-Ms} and {@code X-Rate-Limit-Time-Reset-Ms}; they come back as the reply's
 * {@link RateSignal} (an empty quota pauses the channel until the reset). A 429 waits {@code X-Rate-Limit-Time-Reset-Ms}
 * (Retry-After when given instead).</li>
 * </ul>
 */
@ApplicationScoped
public class BigCommerceConnector implements MarketplaceConnector {

    static final String TOKEN_HEADER = "X-Auth-Token";
    static final String REQUESTS_LEFT = "X-Rate-Limit-Requests-Left";
    static final String REQUESTS_QUOTA = "X-Rate-Limit-Requests-Quota";
    static final String WINDOW_MS = "X-Rate-Limit-Time-Window-Ms";
    static final String RESET_MS = "X-Rate-Limit-Time-Reset-Ms";
    static final int BATCH = 100;
    /** Enough for 50 SKUs each on a few variants; an exact SKU list rarely pages. */
    static final int VARIANT_PAGE = 250;

    private static final Pattern ITEM_KEY = Pattern.compile("items(?:\\.|\\[)(\\d+)");

    private final MarketplaceHttp http;

    public BigCommerceConnector(MarketplaceHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.BIGCOMMERCE;
    }

    @Override
    public int maxBatchSize() {
        return BATCH;
    }

    /** Plus and Standard plans: 150 requests per 30-second window; every answer's headers correct it to the store's. */
    @Override
    public DocumentedLimit rateLimit() {
        return new DocumentedLimit(150, 5);
    }

    @Override
    public Uni<Reply<List<ListingOutcome>>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        long locationId = locationId(channel);
        JsonArray items = new JsonArray();
        List<ListingUpdate> sent = new ArrayList<>();
        Map<String, ListingOutcome> refused = new HashMap<>();
        for (ListingUpdate update : updates) {
            Long variantId = number(update.listingId());
            if (variantId == null) {
                refused.put(update.sku(), new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.REJECTED, null,
                        "a BigCommerce listing id is a variant id (a number)"));
                continue;
            }
            sent.add(update);
            items.add(new JsonObject().put("location_id", locationId).put("variant_id", variantId).put("quantity", update.quantity()));
        }
        if (sent.isEmpty()) {
            return Uni.createFrom().item(Reply.of(updates.stream().map(update -> refused.get(update.sku())).toList()));
        }
        JsonObject body = new JsonObject().put("reason", channel.option("reason", "Stockline sync")).put("items", items);
        String what = "bigcommerce " + channel.channelId() + " inventory/adjustments/absolute";
        return http.request(HttpMethod.PUT, url(channel, "/v3/inventory/adjustments/absolute")).flatMap(request -> authorized(channel, request)
                .putHeader("Content-Type", "application/json")
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .sendBuffer(Buffer.buffer(body.encode())))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> {
                    RateSignal signal = rateSignal(response);
                    Map<Integer, String> itemErrors = response.statusCode() == 422 || response.statusCode() == 207
                            ? itemErrors(response) : Map.of();
                    if (!itemErrors.isEmpty()) {
                        MarketplaceHttp.logAnswer(what, response.statusCode(), response.bodyAsString());
                    }
                    if (response.statusCode() == 422 && itemErrors.isEmpty() || !MarketplaceHttp.ok(response) && response.statusCode() != 422) {
                        throw failure(what, response, signal);
                    }
                    boolean applied = response.statusCode() != 422;
                    List<ListingOutcome> outcomes = new ArrayList<>(updates.size());
                    for (ListingUpdate update : updates) {
                        int index = sent.indexOf(update);
                        if (index < 0) {
                            outcomes.add(refused.get(update.sku()));
                        } else if (itemErrors.containsKey(index)) {
                            outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.REJECTED, null,
                                    itemErrors.get(index)));
                        } else if (applied) {
                            outcomes.add(ListingOutcome.applied(update));
                        } else {
                            outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.CONFLICT, null,
                                    "BigCommerce refused the adjustment for another item; nothing was set"));
                        }
                    }
                    return Reply.of(outcomes, signal);
                });
    }

    @Override
    public boolean canReadBack() {
        return true;
    }

    @Override
    public Uni<Reply<Map<String, Long>>> read(ChannelAccess channel, List<String> listingIds) {
        long locationId = locationId(channel);
        String variants = listingIds.stream().map(BigCommerceConnector::number).filter(id -> id != null)
                .map(String::valueOf).collect(Collectors.joining(","));
        if (variants.isEmpty()) {
            return Uni.createFrom().item(Reply.of(Map.of()));
        }
        String what = "bigcommerce " + channel.channelId() + " inventory/items";
        return http.request(HttpMethod.GET, url(channel, "/v3/inventory/items")).flatMap(request -> authorized(channel, request)
                .addQueryParam("variant_id:in", variants)
                .addQueryParam("location_id:in", String.valueOf(locationId))
                .addQueryParam("limit", String.valueOf(maxReadBatchSize()))
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .send())
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> {
                    RateSignal signal = rateSignal(response);
                    if (!MarketplaceHttp.ok(response)) {
                        throw failure(what, response, signal);
                    }
                    Map<String, Long> held = new HashMap<>();
                    JsonArray data = response.bodyAsJsonObject().getJsonArray("data", new JsonArray());
                    for (int i = 0; i < data.size(); i++) {
                        JsonObject item = data.getJsonObject(i);
                        Object variant = item.getJsonObject("identity", new JsonObject()).getValue("variant_id");
                        JsonArray locations = item.getJsonArray("locations", new JsonArray());
                        for (int l = 0; l < locations.size(); l++) {
                            JsonObject location = locations.getJsonObject(l);
                            if (variant != null && location.getLong("location_id", -1L) == locationId
                                    && location.getValue("total_inventory_onhand") != null) {
                                held.put(String.valueOf(variant), location.getLong("total_inventory_onhand"));
                            }
                        }
                    }
                    return Reply.of(held, signal);
                });
    }

    @Override
    public int maxReadBatchSize() {
        return BATCH;
    }

    @Override
    public boolean canLookUp() {
        return true;
    }

    @Override
    public Uni<Reply<Map<String, SkuLookup>>> lookup(ChannelAccess channel, List<String> skus) {
        String what = "bigcommerce " + channel.channelId() + " catalog/variants";
        return http.request(HttpMethod.GET, url(channel, "/v3/catalog/variants")).flatMap(request -> authorized(channel, request)
                .addQueryParam("sku:in", String.join(",", skus))
                .addQueryParam("include_fields", "sku,product_id")
                .addQueryParam("limit", String.valueOf(VARIANT_PAGE))
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .send())
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> {
                    RateSignal signal = rateSignal(response);
                    if (!MarketplaceHttp.ok(response)) {
                        throw failure(what, response, signal);
                    }
                    Map<String, List<String>> variantsBySku = new HashMap<>();
                    JsonArray data = response.bodyAsJsonObject().getJsonArray("data", new JsonArray());
                    for (int i = 0; i < data.size(); i++) {
                        JsonObject variant = data.getJsonObject(i);
                        variantsBySku.computeIfAbsent(variant.getString("sku", ""), sku -> new ArrayList<>())
                                .add(String.valueOf(variant.getValue("id")) + " (product " + variant.getValue("product_id") + ")");
                    }
                    Map<String, SkuLookup> found = new LinkedHashMap<>();
                    for (String sku : skus) {
                        List<String> variants = variantsBySku.getOrDefault(sku, List.of());
                        if (variants.isEmpty()) {
                            found.put(sku, SkuLookup.missing(sku, "no BigCommerce variant has SKU " + sku));
                        } else if (variants.size() > 1) {
                            found.put(sku, SkuLookup.ambiguous(sku, variants.size() + " BigCommerce variants have SKU " + sku
                                    + ": " + String.join(", ", variants) + "; import the one to push to"));
                        } else {
                            found.put(sku, SkuLookup.found(sku, variants.get(0).substring(0, variants.get(0).indexOf(' '))));
                        }
                    }
                    return Reply.of(Map.copyOf(found), signal);
                });
    }

    private static io.vertx.mutiny.ext.web.client.HttpRequest<Buffer> authorized(ChannelAccess channel,
            io.vertx.mutiny.ext.web.client.HttpRequest<Buffer> request) {
        return request.putHeader(TOKEN_HEADER, channel.credential("accessToken")).putHeader("Accept", "application/json");
    }

    private static String url(ChannelAccess channel, String path) {
        String storeHash = channel.option("storeHash", null);
        if (storeHash == null || !storeHash.matches("[A-Za-z0-9]+")) {
            throw new MarketplaceException.PermanentFailure("bigcommerce channel " + channel.channelId()
                    + " needs option 'storeHash' (letters and digits, from the store's API path)");
        }
        return MarketplaceHttp.url(channel, "/stores/" + storeHash + path);
    }

    private static long locationId(ChannelAccess channel) {
        Long id = number(channel.option("locationId", "1"));
        if (id == null) {
            throw new MarketplaceException.PermanentFailure("bigcommerce channel " + channel.channelId()
                    + " option 'locationId' is not a location id (a number)");
        }
        return id;
    }

    /** What the answer's X-Rate-Limit-* headers say; empty when it sent none. */
    static RateSignal rateSignal(HttpResponse<Buffer> response) {
        Double left = header(response, REQUESTS_LEFT);
        Double quota = header(response, REQUESTS_QUOTA);
        Double window = header(response, WINDOW_MS);
        Double reset = header(response, RESET_MS);
        Double perSecond = quota != null && window != null && window > 0 ? quota * 1000 / window : null;
        return new RateSignal(perSecond, left, quota, reset == null ? null : Duration.ofMillis(Math.round(reset)), null);
    }

    /** A 429 waits until the window resets (X-Rate-Limit-Time-Reset-Ms), or as Retry-After says when given. */
    private static MarketplaceException failure(String what, HttpResponse<Buffer> response, RateSignal signal) {
        if (response.statusCode() == 429) {
            Duration wait = response.getHeader("Retry-After") != null ? MarketplaceHttp.retryAfter(response.getHeader("Retry-After"))
                    : signal.reset() != null ? signal.reset() : MarketplaceHttp.DEFAULT_RETRY_AFTER;
            return new MarketplaceException.Throttled(what + " answered HTTP 429", signal.withRetryAfter(wait));
        }
        return MarketplaceHttp.failure(what, response).carrying(signal);
    }

    /** The items a 422 or 207 names, by index in the request: {@code errors: {"items.0.variant_id": "..."}}. */
    static Map<Integer, String> itemErrors(HttpResponse<Buffer> response) {
        Map<Integer, String> byIndex = new HashMap<>();
        JsonObject body;
        try {
            body = response.bodyAsJsonObject();
        } catch (RuntimeException notJson) {
            return byIndex;
        }
        Object errors = body == null ? null : body.getValue("errors");
        if (errors instanceof JsonObject named) {
            named.forEach(entry -> {
                Matcher item = ITEM_KEY.matcher(entry.getKey());
                if (item.find()) {
                    // the key is the field of our own request; the text beside it is BigCommerce's words, for the log only
                    byIndex.merge(Integer.parseInt(item.group(1)), entry.getKey() + " refused", (a, b) -> a + "; " + b);
                }
            });
        }
        return byIndex;
    }

    private static Double header(HttpResponse<Buffer> response, String name) {
        String value = response.getHeader(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private static Long number(String id) {
        try {
            return id == null ? null : Long.valueOf(id.trim());
        } catch (NumberFormatException notNumber) {
            return null;
        }
    }
}
