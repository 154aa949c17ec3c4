package io.stockline.channel.connector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * WooCommerce REST API v3: {@code POST /wp-json/wc/v3/products/batch} sets {@code stock_quantity} (and
 * {@code manage_stock}) of up to 100 products per call; {@code GET /wp-json/wc/v3/products?include=...} reads
 * them back. A listing id is the product id, or {@code parent/variation} for a variation, whose stock goes through
 * {@code POST /products/{parent}/variations/batch} (up to 100 a call) and is read with
 * {@code GET /products/{parent}/variations?include=}: a push makes one call for the products and one per parent
 * product among its variations. Credentials {@code consumerKey}, {@code consumerSecret} go as HTTP
 * Basic auth, which WooCommerce accepts over HTTPS only: a plain-http endpoint is refused unless option
 * {@code allowInsecure=true} (local runs and tests).
 * <p>
 * Lookup by SKU: {@code GET /wp-json/wc/v3/products?sku=A,B&per_page=100}; with {@code sku} WooCommerce searches
 * products and variations alike (exact SKUs, comma-separated). A SKU on exactly one product is FOUND (its id), on
 * none MISSING, on more than one AMBIGUOUS; a variation found is stored as {@code parent/variation} (its
 * {@code parent_id} and {@code id}).
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
        Map<String, ListingOutcome> outcomes = new HashMap<>();
        // products in one products/batch call, each parent's variations in one variations/batch call of their own
        Map<Long, List<ListingUpdate>> byParent = new java.util.LinkedHashMap<>();
        for (ListingUpdate listing : updates) {
            Target target = Target.of(listing.listingId());
            if (target == null) {
                outcomes.put(listing.sku(), new ListingOutcome(listing.sku(), listing.listingId(), ListingOutcome.Status.REJECTED,
                        null, "a WooCommerce listing id is a product id, or parent/variation ids (numbers)"));
                continue;
            }
            byParent.computeIfAbsent(target.parent() == null ? 0L : target.parent(), parent -> new ArrayList<>()).add(listing);
        }
        return Multi.createFrom().iterable(byParent.entrySet())
                .onItem().transformToUniAndConcatenate(group -> pushGroup(channel, group.getKey() == 0 ? null : group.getKey(),
                        group.getValue()))
                .collect().asList()
                .map(groups -> {
                    groups.forEach(group -> group.forEach(outcome -> outcomes.put(outcome.sku(), outcome)));
                    return Reply.of(updates.stream().map(update -> outcomes.get(update.sku())).toList());
                });
    }

    /** One batch call: products ({@code parent} null) or the variations of one parent product. */
    private Uni<List<ListingOutcome>> pushGroup(ChannelAccess channel, Long parent, List<ListingUpdate> updates) {
        JsonArray update = new JsonArray();
        for (ListingUpdate listing : updates) {
            update.add(new JsonObject().put("id", Target.of(listing.listingId()).id()).put("stock_quantity", listing.quantity())
                    .put("manage_stock", true));
        }
        String path = parent == null ? API_PATH + "/batch" : API_PATH + "/" + parent + "/variations/batch";
        String what = "woocommerce " + channel.channelId() + (parent == null ? " products/batch" : " variations/batch of " + parent);
        return http.request(HttpMethod.POST, MarketplaceHttp.url(channel, path)).flatMap(request -> request
                .basicAuthentication(channel.credential("consumerKey"), channel.credential("consumerSecret"))
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .sendBuffer(Buffer.buffer(new JsonObject().put("update", update).encode())))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
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
                    List<ListingOutcome> outcomes = new ArrayList<>();
                    for (ListingUpdate listing : updates) {
                        long id = Target.of(listing.listingId()).id();
                        JsonObject answer = byId.get(id);
                        if (answer == null) {
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
                });
    }

    @Override
    public boolean canReadBack() {
        return true;
    }

    @Override
    public Uni<Reply<Map<String, Long>>> read(ChannelAccess channel, List<String> listingIds) {
        requireHttps(channel);
        Map<Long, List<Long>> idsByParent = new java.util.LinkedHashMap<>();
        for (String listingId : listingIds) {
            Target target = Target.of(listingId);
            if (target != null) {
                idsByParent.computeIfAbsent(target.parent() == null ? 0L : target.parent(), parent -> new ArrayList<>()).add(target.id());
            }
        }
        return Multi.createFrom().iterable(idsByParent.entrySet())
                .onItem().transformToUniAndConcatenate(group -> readGroup(channel, group.getKey() == 0 ? null : group.getKey(),
                        group.getValue()))
                .collect().in(HashMap<String, Long>::new, Map::putAll)
                .map(held -> Reply.of((Map<String, Long>) held));
    }

    /** Products ({@code parent} null) or one parent's variations, by id; keyed by listing id. */
    private Uni<Map<String, Long>> readGroup(ChannelAccess channel, Long parent, List<Long> ids) {
        String path = parent == null ? API_PATH : API_PATH + "/" + parent + "/variations";
        String what = "woocommerce " + channel.channelId() + (parent == null ? " products" : " variations of " + parent);
        return http.request(HttpMethod.GET, MarketplaceHttp.url(channel, path)).flatMap(request -> request
                .addQueryParam("include", ids.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .addQueryParam("per_page", "100")
                .basicAuthentication(channel.credential("consumerKey"), channel.credential("consumerSecret"))
                .putHeader("Accept", "application/json")
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .send())
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> {
                    if (!MarketplaceHttp.ok(response)) {
                        throw MarketplaceHttp.failure(what, response);
                    }
                    Map<String, Long> held = new HashMap<>();
                    JsonArray products = response.bodyAsJsonArray();
                    for (int i = 0; i < products.size(); i++) {
                        JsonObject product = products.getJsonObject(i);
                        if (product.getValue("stock_quantity") != null) {
                            held.put(new Target(parent, product.getLong("id")).listingId(), product.getLong("stock_quantity"));
                        }
                    }
                    return held;
                });
    }

    /**
     * Where a listing id points: a product ({@code "123"}) or a variation of a parent product ({@code "60/61"}),
     * the form lookup stores and an import may pin.
     */
    record Target(Long parent, long id) {

        static Target of(String listingId) {
            if (listingId == null) {
                return null;
            }
            String[] parts = listingId.trim().split("/", -1);
            try {
                if (parts.length == 1) {
                    long id = Long.parseLong(parts[0]);
                    return id > 0 ? new Target(null, id) : null;
                }
                if (parts.length == 2) {
                    long parent = Long.parseLong(parts[0]);
                    long id = Long.parseLong(parts[1]);
                    return parent > 0 && id > 0 ? new Target(parent, id) : null;
                }
            } catch (NumberFormatException notNumbers) {
                return null;
            }
            return null;
        }

        String listingId() {
            return parent == null ? String.valueOf(id) : parent + "/" + id;
        }
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
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
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
                            found.put(sku, SkuLookup.found(sku, new Target(matches.get(0).getLong("parent_id"),
                                    matches.get(0).getLong("id")).listingId()));
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
}
