package io.stockline.channel.connector;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * eBay Sell Inventory API v1. {@code bulkUpdatePriceQuantity} sets up to 25 inventory items a call, one SKU per
 * entry of {@code requests}: its ship-to-home quantity ({@code shipToLocationAvailability.quantity}) and the
 * {@code availableQuantity} of each of its published fixed-price offers ({@code offers[{offerId, availableQuantity}]}),
 * because a buyer sees the lower of the two: setting the item alone never raises what a listing shows. The offer ids
 * come from {@code getOffers?sku=} (one call per SKU, cached per channel and SKU); a SKU with no offer is pushed as the
 * item only, and its outcome says so. eBay answers per offer ({@code sku}, {@code offerId}, {@code statusCode}) or,
 * when no offer was named, once for the item; a SKU is APPLIED only when every answer for it is 200.
 * {@code bulkGetInventoryItem} reads up to 25 items back, {@code getOffers} their offers; a SKU whose item and offers
 * disagree reads back as unknown (null), so reconciliation pushes it again. A listing id is the seller SKU.
 * <p>
 * Each listing may be revised 250 times an eBay calendar day (Pacific time); {@link #revisionCap()} tells the worker
 * to count them and hold a listing's pushes from 240 on. Credentials {@code clientId}, {@code clientSecret},
 * {@code refreshToken}: an OAuth refresh-token grant (HTTP Basic client credentials, scope sell.inventory) at the API
 * host's own {@code /identity/v1/oauth2/token} (not a channel option) gives the Bearer token, cached until it expires
 * and renewed on 401.
 */
@ApplicationScoped
public class EbayConnector implements MarketplaceConnector {

    static final String TOKEN_PATH = "/identity/v1/oauth2/token";
    static final String SCOPE = "https://api.ebay.com/oauth/api_scope/sell.inventory";
    static final String BASE_PATH = "/sell/inventory/v1";

    /** "Each listing can be revised up to 250 times in one calendar day" (bulkUpdatePriceQuantity); held from 240 on. */
    static final RevisionCap REVISION_CAP = new RevisionCap(250, 240, ZoneId.of("America/Los_Angeles"));

    /** getOffers calls in flight at once for one push or read (their cost is reserved on the channel's bucket first). */
    static final int OFFER_READS_AT_ONCE = 5;

    /** How long the offers found for a SKU are trusted: a seller may publish or end one at any time. */
    static final Duration OFFERS_FOUND_TTL = Duration.ofHours(1);
    /** How long "this SKU has no offer" is trusted: a listing published meanwhile is taken up within this. */
    static final Duration NO_OFFER_TTL = Duration.ofMinutes(10);

    /** The offer ids of one SKU as getOffers gave them, and when. */
    record KnownOffers(List<String> offerIds, Instant readAt) {
        boolean fresh(Instant now) {
            return readAt.plus(offerIds.isEmpty() ? NO_OFFER_TTL : OFFERS_FOUND_TTL).isAfter(now);
        }
    }

    private final MarketplaceHttp http;
    private final AccessTokens tokens;
    private final ConcurrentMap<String, KnownOffers> offers = new ConcurrentHashMap<>();

    public EbayConnector(MarketplaceHttp http, AccessTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EBAY;
    }

    /** 25 entries of {@code requests} a call (BulkPriceQuantity: "one or more inventory items (up to 25)"). */
    @Override
    public int maxBatchSize() {
        return 25;
    }

    /** eBay sets daily call quotas (Application Growth Check raises them) rather than a rate; stay gentle. */
    @Override
    public DocumentedLimit rateLimit() {
        return new DocumentedLimit(10, 5);
    }

    /** The bulk call, plus one getOffers for each SKU whose offers are not known yet. */
    @Override
    public double callCost(ChannelAccess channel, List<ListingUpdate> updates) {
        Instant now = Instant.now();
        return 1 + updates.stream().filter(update -> !known(channel, sku(update), now)).count();
    }

    @Override
    public Optional<RevisionCap> revisionCap() {
        return Optional.of(REVISION_CAP);
    }

    @Override
    public Uni<Reply<List<ListingOutcome>>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        return offerIds(channel, updates.stream().map(EbayConnector::sku).toList()).chain(offerIds -> {
            JsonArray requests = new JsonArray();
            for (ListingUpdate update : updates) {
                JsonObject request = new JsonObject().put("sku", sku(update))
                        .put("shipToLocationAvailability", new JsonObject().put("quantity", update.quantity()));
                List<String> ids = offerIds.getOrDefault(sku(update), List.of());
                if (!ids.isEmpty()) {
                    JsonArray offerQuantities = new JsonArray();
                    ids.forEach(id -> offerQuantities.add(new JsonObject().put("offerId", id).put("availableQuantity", update.quantity())));
                    request.put("offers", offerQuantities);
                }
                requests.add(request);
            }
            String what = "ebay " + channel.channelId() + " bulkUpdatePriceQuantity";
            return post(channel, "/bulk_update_price_quantity", new JsonObject().put("requests", requests), what)
                    .map(response -> outcomes(channel, updates, offerIds, response.bodyAsJsonObject()));
        }).map(Reply::of);
    }

    private List<ListingOutcome> outcomes(ChannelAccess channel, List<ListingUpdate> updates, Map<String, List<String>> offerIds,
            JsonObject body) {
        Map<String, List<JsonObject>> bySku = bySku(body);
        List<ListingOutcome> outcomes = new ArrayList<>(updates.size());
        for (ListingUpdate update : updates) {
            List<JsonObject> answers = bySku.getOrDefault(sku(update), List.of());
            List<String> ids = offerIds.getOrDefault(sku(update), List.of());
            if (answers.isEmpty()) {
                outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.CONFLICT, null,
                        "eBay did not answer for this SKU; read it back"));
                continue;
            }
            List<JsonObject> failed = answers.stream().filter(answer -> answer.getInteger("statusCode", 0) != 200).toList();
            if (failed.isEmpty()) {
                if (ids.isEmpty()) {
                    Log.infof("channel %s: eBay SKU %s has no published fixed-price offer; only its inventory item was set to %d",
                            channel.channelId(), sku(update), update.quantity());
                    outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.APPLIED, update.quantity(),
                            "no eBay offer for this SKU: only the inventory item's ship-to-home quantity was set"));
                } else {
                    outcomes.add(ListingOutcome.applied(update));
                }
                continue;
            }
            if (failed.stream().anyMatch(answer -> answer.getString("offerId") != null)) {
                // an offer refused may be gone or moved: ask getOffers again next time
                offers.remove(key(channel, sku(update)));
            }
            String detail = failed.stream().map(answer -> (answer.getString("offerId") == null ? "item" : "offer " + answer.getString("offerId"))
                    + " " + answer.getInteger("statusCode") + " " + errors(answer.getJsonArray("errors"))).reduce((a, b) -> a + "; " + b).orElse("");
            boolean partly = failed.size() < answers.size();
            if (partly || failed.stream().anyMatch(answer -> answer.getInteger("statusCode", 0) >= 500)) {
                // some of the SKU's parts took the number, or eBay failed on its side: not refused for good; read back, send again
                outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.CONFLICT, null, detail));
            } else {
                outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.REJECTED, null, detail));
            }
        }
        return outcomes;
    }

    @Override
    public boolean canReadBack() {
        return true;
    }

    /** The bulk read, plus a getOffers per SKU (eBay has no bulk read of offers). */
    @Override
    public double readCost(int listings) {
        return 1 + listings;
    }

    /**
     * The quantity each SKU's listing holds: the item's ship-to-home quantity when every offer's availableQuantity is
     * the same, null (unknown: drifted) when the item and an offer disagree; SKUs eBay does not know are absent.
     */
    @Override
    public Uni<Reply<Map<String, Long>>> read(ChannelAccess channel, List<String> listingIds) {
        JsonArray requests = new JsonArray();
        listingIds.forEach(sku -> requests.add(new JsonObject().put("sku", sku)));
        String what = "ebay " + channel.channelId() + " bulkGetInventoryItem";
        return post(channel, "/bulk_get_inventory_item", new JsonObject().put("requests", requests), what)
                .chain(response -> {
                    Map<String, Long> items = new LinkedHashMap<>();
                    bySku(response.bodyAsJsonObject()).forEach((sku, answers) -> {
                        JsonObject answer = answers.get(0);
                        JsonObject item = answer.getJsonObject("inventoryItem");
                        JsonObject availability = item == null ? null : item.getJsonObject("availability");
                        JsonObject shipTo = availability == null ? null : availability.getJsonObject("shipToLocationAvailability");
                        if (answer.getInteger("statusCode", 0) == 200 && shipTo != null && shipTo.getValue("quantity") != null) {
                            items.put(sku, shipTo.getLong("quantity"));
                        }
                    });
                    if (items.isEmpty()) {
                        return Uni.createFrom().item(Map.<String, Long>of());
                    }
                    List<Uni<Map.Entry<String, List<Offer>>>> reads = items.keySet().stream()
                            .map(sku -> getOffers(channel, sku).map(found -> Map.entry(sku, found))).toList();
                    return Uni.join().all(reads).usingConcurrencyOf(OFFER_READS_AT_ONCE).andFailFast().map(found -> {
                        Map<String, Long> held = new HashMap<>();
                        found.forEach(entry -> {
                            long itemQuantity = items.get(entry.getKey());
                            boolean agree = entry.getValue().stream().allMatch(offer -> offer.availableQuantity() == null
                                    || offer.availableQuantity() == itemQuantity);
                            if (!agree) {
                                Log.infof("channel %s: eBay SKU %s holds %d on the item but %s on its offers", channel.channelId(),
                                        entry.getKey(), itemQuantity, entry.getValue());
                            }
                            held.put(entry.getKey(), agree ? itemQuantity : null);
                        });
                        return held;
                    });
                }).map(Reply::of);
    }

    /** One offer as getOffers shows it. */
    record Offer(String offerId, Long availableQuantity, String format, String status) {
    }

    /** The offer ids to set for each SKU: known ones from the cache, the others asked of getOffers (at once). */
    private Uni<Map<String, List<String>>> offerIds(ChannelAccess channel, List<String> skus) {
        Instant now = Instant.now();
        Map<String, List<String>> ids = new HashMap<>();
        List<Uni<Map.Entry<String, List<String>>>> asks = new ArrayList<>();
        for (String sku : skus) {
            KnownOffers known = offers.get(key(channel, sku));
            if (known != null && known.fresh(now)) {
                ids.put(sku, known.offerIds());
            } else {
                asks.add(getOffers(channel, sku).map(found -> {
                    // availableQuantity applies to published fixed-price offers only (auctions refuse it; bulkUpdatePriceQuantity
                    // "is not designed to work with unpublished offers")
                    List<String> usable = found.stream()
                            .filter(offer -> offer.format() == null || "FIXED_PRICE".equals(offer.format()))
                            .filter(offer -> offer.status() == null || "PUBLISHED".equals(offer.status()))
                            .map(Offer::offerId).toList();
                    offers.put(key(channel, sku), new KnownOffers(usable, Instant.now()));
                    return Map.entry(sku, usable);
                }));
            }
        }
        if (asks.isEmpty()) {
            return Uni.createFrom().item(ids);
        }
        return Uni.join().all(asks).usingConcurrencyOf(OFFER_READS_AT_ONCE).andFailFast().map(found -> {
            found.forEach(entry -> ids.put(entry.getKey(), entry.getValue()));
            return ids;
        });
    }

    /** getOffers for one SKU: its offers; none when eBay answers 404 (errorId 25713, "This Offer is not available"). */
    private Uni<List<Offer>> getOffers(ChannelAccess channel, String sku) {
        String url = MarketplaceHttp.url(channel, BASE_PATH + "/offer?sku=" + URLEncoder.encode(sku, StandardCharsets.UTF_8));
        String what = "ebay " + channel.channelId() + " getOffers";
        return tokens.authorized(grant(channel), status -> status == 401, token -> http
                        .request(HttpMethod.GET, url).flatMap(request -> request
                        .bearerTokenAuthentication(token)
                        .putHeader("Accept", "application/json")
                        .timeout(MarketplaceHttp.timeoutMillis(channel))
                        .send()))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> {
                    if (response.statusCode() == 404) {
                        return List.<Offer>of();
                    }
                    if (response.statusCode() != 200) {
                        throw MarketplaceHttp.failure(what, response);
                    }
                    JsonObject body = response.bodyAsJsonObject();
                    JsonArray list = body == null ? new JsonArray() : body.getJsonArray("offers", new JsonArray());
                    List<Offer> found = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        JsonObject offer = list.getJsonObject(i);
                        if (offer.getString("offerId") != null && (offer.getString("sku") == null || sku.equals(offer.getString("sku")))) {
                            found.add(new Offer(offer.getString("offerId"), offer.getLong("availableQuantity"),
                                    offer.getString("format"), offer.getString("status")));
                        }
                    }
                    return found;
                });
    }

    private boolean known(ChannelAccess channel, String sku, Instant now) {
        KnownOffers known = offers.get(key(channel, sku));
        return known != null && known.fresh(now);
    }

    private static String key(ChannelAccess channel, String sku) {
        return channel.channelId() + '\n' + channel.endpoint() + '\n' + sku;
    }

    private Uni<HttpResponse<Buffer>> post(ChannelAccess channel, String path, JsonObject body, String what) {
        String url = MarketplaceHttp.url(channel, BASE_PATH + path);
        return tokens.authorized(grant(channel), status -> status == 401, token -> http
                        .request(HttpMethod.POST, url).flatMap(request -> request
                        .bearerTokenAuthentication(token)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Accept", "application/json")
                        .timeout(MarketplaceHttp.timeoutMillis(channel))
                        .sendBuffer(Buffer.buffer(body.encode()))))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> {
                    if (response.statusCode() == 200 || response.statusCode() == 207) {
                        return response;
                    }
                    throw MarketplaceHttp.failure(what, response);
                });
    }

    /** eBay serves its OAuth tokens on the API host itself (api.ebay.com, api.sandbox.ebay.com). */
    AccessTokens.Grant grant(ChannelAccess channel) {
        String clientId = channel.credential("clientId");
        return new AccessTokens.Grant(channel.type().name().toLowerCase() + " channel " + channel.channelId(),
                MarketplaceHttp.url(channel, TOKEN_PATH),
                Map.of("grant_type", "refresh_token",
                        "refresh_token", channel.credential("refreshToken"),
                        "scope", channel.option("scope", SCOPE)),
                clientId, channel.credential("clientSecret"));
    }

    /** The answers of a bulk call by SKU: one per offer, or one for the item. */
    private static Map<String, List<JsonObject>> bySku(JsonObject body) {
        Map<String, List<JsonObject>> bySku = new HashMap<>();
        JsonArray responses = body == null ? new JsonArray() : body.getJsonArray("responses", new JsonArray());
        for (int i = 0; i < responses.size(); i++) {
            JsonObject answer = responses.getJsonObject(i);
            if (answer.getString("sku") != null) {
                bySku.computeIfAbsent(answer.getString("sku"), sku -> new ArrayList<>()).add(answer);
            }
        }
        return bySku;
    }

    private static String sku(ListingUpdate update) {
        return update.listingId() != null ? update.listingId() : update.sku();
    }

    private static String errors(JsonArray errors) {
        if (errors == null || errors.isEmpty()) {
            return "";
        }
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            JsonObject error = errors.getJsonObject(i);
            messages.add(error.getValue("errorId") + ": " + error.getString("message"));
        }
        return String.join("; ", messages);
    }
}
