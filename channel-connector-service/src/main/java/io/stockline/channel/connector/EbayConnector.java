package io.stockline.channel.connector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * eBay Sell Inventory API v1: {@code bulkUpdatePriceQuantity} sets the ship-to-home quantity of up to 25
 * inventory items in one call, each answered with its own statusCode; {@code bulkGetInventoryItem} reads up to
 * 25 back. A listing id is the seller SKU. Credentials {@code clientId}, {@code clientSecret},
 * {@code refreshToken}: an OAuth refresh-token grant (HTTP Basic client credentials, scope sell.inventory) at
 * the API host's own {@code /identity/v1/oauth2/token} (not a channel option) gives the Bearer token, cached until it expires and renewed on 401.
 */
@ApplicationScoped
public class EbayConnector implements MarketplaceConnector {

    static final String TOKEN_PATH = "/identity/v1/oauth2/token";
    static final String SCOPE = "https://api.ebay.com/oauth/api_scope/sell.inventory";
    static final String BASE_PATH = "/sell/inventory/v1";

    private final MarketplaceHttp http;
    private final AccessTokens tokens;

    public EbayConnector(MarketplaceHttp http, AccessTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EBAY;
    }

    @Override
    public int maxBatchSize() {
        return 25;
    }

    /** eBay sets daily call quotas (Application Growth Check raises them) rather than a rate; stay gentle. */
    @Override
    public DocumentedLimit rateLimit() {
        return new DocumentedLimit(10, 5);
    }

    @Override
    public Uni<Reply<List<ListingOutcome>>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        JsonArray requests = new JsonArray();
        updates.forEach(update -> requests.add(new JsonObject().put("sku", sku(update))
                .put("shipToLocationAvailability", new JsonObject().put("quantity", update.quantity()))));
        String what = "ebay " + channel.channelId() + " bulkUpdatePriceQuantity";
        return post(channel, "/bulk_update_price_quantity", new JsonObject().put("requests", requests), what)
                .map(response -> {
                    Map<String, JsonObject> bySku = bySku(response.bodyAsJsonObject());
                    List<ListingOutcome> outcomes = new ArrayList<>(updates.size());
                    for (ListingUpdate update : updates) {
                        JsonObject answer = bySku.get(sku(update));
                        if (answer == null) {
                            outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.CONFLICT, null,
                                    "eBay did not answer for this SKU; read it back"));
                        } else if (answer.getInteger("statusCode", 0) == 200) {
                            outcomes.add(ListingOutcome.applied(update));
                        } else if (answer.getInteger("statusCode", 0) >= 500) {
                            // eBay failed on its side for this SKU only: not refused for good; read back and send again
                            outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.CONFLICT, null,
                                    answer.getInteger("statusCode") + " " + errors(answer.getJsonArray("errors"))));
                        } else {
                            outcomes.add(new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.REJECTED, null,
                                    answer.getInteger("statusCode") + " " + errors(answer.getJsonArray("errors"))));
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
        JsonArray requests = new JsonArray();
        listingIds.forEach(sku -> requests.add(new JsonObject().put("sku", sku)));
        String what = "ebay " + channel.channelId() + " bulkGetInventoryItem";
        return post(channel, "/bulk_get_inventory_item", new JsonObject().put("requests", requests), what)
                .map(response -> {
                    Map<String, Long> held = new HashMap<>();
                    bySku(response.bodyAsJsonObject()).forEach((sku, answer) -> {
                        JsonObject item = answer.getJsonObject("inventoryItem");
                        JsonObject availability = item == null ? null : item.getJsonObject("availability");
                        JsonObject shipTo = availability == null ? null : availability.getJsonObject("shipToLocationAvailability");
                        if (answer.getInteger("statusCode", 0) == 200 && shipTo != null && shipTo.getValue("quantity") != null) {
                            held.put(sku, shipTo.getLong("quantity"));
                        }
                    });
                    return held;
                }).map(Reply::of);
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
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, failure))
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

    private static Map<String, JsonObject> bySku(JsonObject body) {
        Map<String, JsonObject> bySku = new HashMap<>();
        JsonArray responses = body == null ? new JsonArray() : body.getJsonArray("responses", new JsonArray());
        for (int i = 0; i < responses.size(); i++) {
            JsonObject answer = responses.getJsonObject(i);
            if (answer.getString("sku") != null) {
                bySku.put(answer.getString("sku"), answer);
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
