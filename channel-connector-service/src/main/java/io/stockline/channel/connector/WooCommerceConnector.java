package io.stockline.channel.connector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * WooCommerce REST API v3: {@code POST /wp-json/wc/v3/products/batch} sets {@code stock_quantity} (and
 * {@code manage_stock}) of up to 100 products per call; {@code GET /wp-json/wc/v3/products?include=...} reads
 * them back. A listing id is the product id. Credentials {@code consumerKey}, {@code consumerSecret} go as HTTP
 * Basic auth, which WooCommerce accepts over HTTPS only: a plain-http endpoint is refused unless option
 * {@code allowInsecure=true} (local runs and tests).
 * <p>
 * Lookup by SKU: {@code GET /wp-json/wc/v3/products?sku=A,B&per_page=100}; with {@code sku} WooCommerce searches
 * products and variations alike (exact SKUs, comma-separated). A SKU on exactly one product is FOUND (its id), on
 * none MISSING, on more than one AMBIGUOUS. A SKU on a variation is refused as MISSING with the variation named:
 * a variation's stock is set through {@code /products/{parent}/variations/batch}, which this connector does not
 * push to yet, so it is never pushed as a product.
 */
@ApplicationScoped
public class WooCommerceConnector implements MarketplaceConnector {

    static final String API_PATH = "/wp-json/wc/v3/products";

    private final MarketplaceHttp http;

    public WooCommerceConnector(MarketplaceHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WOOCOMMERCE;
    }

    @Override
    public int maxBatchSize() {
        return 100;
    }

    /** WooCommerce sets no rate limit of its own; the shop's host may. Gentle by default, per channel via options. */
    @Override
    public DocumentedLimit rateLimit() {
        return new DocumentedLimit(4, 2);
    }

    @Override
    public Uni<Reply<List<ListingOutcome>>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        requireHttps(channel);
        JsonArray update = new JsonArray();
        List<ListingOutcome> refused = new ArrayList<>();
        List<ListingUpdate> sent = new ArrayList<>();
        for (ListingUpdate listing : updates) {
            Long id = productId(listing.listingId());
            if (id == null) {
                refused.add(new ListingOutcome(listing.sku(), listing.listingId(), ListingOutcome.Status.REJECTED, null,
                        "a WooCommerce listing id is a product id (a number)"));
                continue;
            }
            sent.add(listing);
            update.add(new JsonObject().put("id", id).put("stock_quantity", listing.quantity()).put("manage_stock", true));
        }
        if (sent.isEmpty()) {
            return Uni.createFrom().item(Reply.of(refused));
        }
        String what = "woocommerce " + channel.channelId() + " products/batch";
        return http.request(HttpMethod.POST, MarketplaceHttp.url(channel, API_PATH + "/batch")).flatMap(request -> request
                .basicAuthentication(channel.credential("consumerKey"), channel.credential("consumerSecret"))
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .sendBuffer(Buffer.buffer(new JsonObject().put("update", update).encode())))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, failure))
                .map(response -> {
                    if (!MarketplaceHttp.ok(response)) {
                        throw MarketplaceHttp.failure(what, response);
                    }
                    Map<Long, JsonObject> byId = new HashMap<>();
                    JsonArray answers = response.bodyAsJsonObject().getJsonArray("update", new JsonArray());
                    for (int i = 0; i < answers.size(); i++) {
                        JsonObject answer = answers.getJsonObject(i);
                        if (answer.getValue("id") != null) {
                            byId.put(answer.getLong("id"), answer);
                        }
                    }
                    List<ListingOutcome> outcomes = new ArrayList<>(updates.size());
                    for (ListingUpdate listing : updates) {
                        Long id = productId(listing.listingId());
                        JsonObject answer = id == null ? null : byId.get(id);
                        if (id == null) {
                            outcomes.add(refused.stream().filter(o -> o.sku().equals(listing.sku())).findFirst().orElseThrow());
                        } else if (answer == null) {
                            outcomes.add(new ListingOutcome(listing.sku(), listing.listingId(), ListingOutcome.Status.CONFLICT, null,
                                    "WooCommerce did not answer for this product; read it back"));
                        } else if (answer.getJsonObject("error") != null) {
                            JsonObject error = answer.getJsonObject("error");
                            MarketplaceHttp.logAnswer(what + " item " + id, 200, error.encode());
                            outcomes.add(new ListingOutcome(listing.sku(), listing.listingId(), ListingOutcome.Status.REJECTED, null,
                                    error.getString("code")));
                        } else {
                            outcomes.add(new ListingOutcome(listing.sku(), listing.listingId(), ListingOutcome.Status.APPLIED,
                                    answer.getValue("stock_quantity") == null ? listing.quantity() : answer.getLong("stock_quantity"), null));
                        }
                    }
                    return outcomes;
                }).map(Reply::of);
    }

    @Override
    public boolean canReadBack() {
        return true;
    }

    @Override
    public Uni<Reply<Map<String, Long>>> read(ChannelAccess channel, List<String> listingIds) {
        requireHttps(channel);
        String include = listingIds.stream().map(WooCommerceConnector::productId).filter(id -> id != null)
                .map(String::valueOf).collect(Collectors.joining(","));
        if (include.isEmpty()) {
            return Uni.createFrom().item(Reply.of(Map.of()));
        }
        String what = "woocommerce " + channel.channelId() + " products";
        return http.request(HttpMethod.GET, MarketplaceHttp.url(channel, API_PATH)).flatMap(request -> request
                .addQueryParam("include", include)
                .addQueryParam("per_page", "100")
                .basicAuthentication(channel.credential("consumerKey"), channel.credential("consumerSecret"))
                .putHeader("Accept", "application/json")
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .send())
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, failure))
                .map(response -> {
                    if (!MarketplaceHttp.ok(response)) {
                        throw MarketplaceHttp.failure(what, response);
                    }
                    Map<String, Long> held = new HashMap<>();
                    JsonArray products = response.bodyAsJsonArray();
                    for (int i = 0; i < products.size(); i++) {
                        JsonObject product = products.getJsonObject(i);
                        if (product.getValue("stock_quantity") != null) {
                            held.put(String.valueOf(product.getLong("id")), product.getLong("stock_quantity"));
                        }
                    }
                    return held;
                }).map(Reply::of);
    }

    @Override
    public int maxReadBatchSize() {
        return 100;
    }

    @Override
    public boolean canLookUp() {
        return true;
    }

    /** 50 SKUs with a few matches each stay within one page of 100. */
    @Override
    public int maxLookupBatchSize() {
        return 50;
    }

    @Override
    public Uni<Reply<Map<String, SkuLookup>>> lookup(ChannelAccess channel, List<String> skus) {
        requireHttps(channel);
        String what = "woocommerce " + channel.channelId() + " products by sku";
        return http.request(HttpMethod.GET, MarketplaceHttp.url(channel, API_PATH)).flatMap(request -> request
                .addQueryParam("sku", String.join(",", skus))
                .addQueryParam("per_page", "100")
                .basicAuthentication(channel.credential("consumerKey"), channel.credential("consumerSecret"))
                .putHeader("Accept", "application/json")
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .send())
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, failure))
                .map(response -> {
                    if (!MarketplaceHttp.ok(response)) {
                        throw MarketplaceHttp.failure(what, response);
                    }
                    Map<String, List<JsonObject>> bySku = new HashMap<>();
                    JsonArray products = response.bodyAsJsonArray();
                    for (int i = 0; i < products.size(); i++) {
                        JsonObject product = products.getJsonObject(i);
                        bySku.computeIfAbsent(product.getString("sku", ""), sku -> new ArrayList<>()).add(product);
                    }
                    Map<String, SkuLookup> found = new HashMap<>();
                    for (String sku : skus) {
                        List<JsonObject> matches = bySku.getOrDefault(sku, List.of());
                        if (matches.isEmpty()) {
                            found.put(sku, SkuLookup.missing(sku, "no WooCommerce product has SKU " + sku));
                        } else if (matches.size() > 1) {
                            found.put(sku, SkuLookup.ambiguous(sku, matches.size() + " WooCommerce products have SKU " + sku + " (ids "
                                    + matches.stream().map(m -> String.valueOf(m.getValue("id"))).collect(Collectors.joining(", "))
                                    + "); import the one to push to"));
                        } else if (isVariation(matches.get(0))) {
                            found.put(sku, SkuLookup.missing(sku, "SKU " + sku + " is WooCommerce variation " + matches.get(0).getValue("id")
                                    + " of product " + matches.get(0).getValue("parent_id") + "; variations are not pushed yet"));
                        } else {
                            found.put(sku, SkuLookup.found(sku, String.valueOf(matches.get(0).getLong("id"))));
                        }
                    }
                    return Reply.of(Map.copyOf(found));
                });
    }

    private static boolean isVariation(JsonObject product) {
        return "variation".equals(product.getString("type")) || product.getLong("parent_id", 0L) > 0;
    }

    private static void requireHttps(ChannelAccess channel) {
        if (!"https".equalsIgnoreCase(channel.endpoint().getScheme())
                && !Boolean.parseBoolean(channel.option("allowInsecure", "false"))) {
            throw new MarketplaceException.PermanentFailure("woocommerce channel " + channel.channelId()
                    + ": Basic auth over plain http would expose the consumer secret; use https (or allowInsecure=true locally)");
        }
    }

    private static Long productId(String listingId) {
        try {
            return listingId == null ? null : Long.valueOf(listingId.trim());
        } catch (NumberFormatException notNumber) {
            return null;
        }
    }
}
