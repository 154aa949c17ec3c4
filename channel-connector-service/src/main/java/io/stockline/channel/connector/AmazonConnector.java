package io.stockline.channel.connector;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Amazon Selling Partner API, Listings Items 2021-08-01: {@code patchListingsItem} merges the quantity into the
 * listing's {@code fulfillment_availability} (one SKU per call), {@code searchListingsItems} by SKU with
 * {@code includedData=fulfillmentAvailability} reads up to 20 back in one call (with {@code issues} to confirm a queued
 * patch). A listing id is the seller SKU. Options {@code sellerId}, {@code marketplaceIds} (comma-separated), {@code productType}
 * (default PRODUCT), {@code fulfillmentChannelCode} (default DEFAULT). Credentials {@code lwaClientId},
 * {@code lwaClientSecret}, {@code refreshToken}: a Login with Amazon refresh-token grant (at api.amazon.com, not a
 * channel option: credentials go nowhere else; see {@link MarketplaceHttp#tokenEndpoint}) gives the access token
 * sent in x-amz-access-token, cached until it expires and renewed when Amazon refuses it.
 * <p>
 * A {@code 200 ACCEPTED} means Amazon queued the submission ("accepted for processing", ListingsItemSubmissionResponse),
 * not that the listing holds the quantity: the outcome is {@link ListingOutcome.Status#ACCEPTED}, and the pipeline
 * confirms it by reading back ({@link #readWithIssues}). Amazon's usage plans are per selling partner and operation,
 * so every channel of one {@code sellerId} draws from one bucket per operation ({@link #rateBucket}).
 */
@ApplicationScoped
public class AmazonConnector implements MarketplaceConnector {

    static final String DEFAULT_TOKEN_ENDPOINT = "https://api.amazon.com/auth/o2/token";
    /** Where a test double or simulator the deployment allows serves Login with Amazon, beside its SP-API. */
    static final String TOKEN_PATH = "/auth/o2/token";
    static final String ACCESS_TOKEN_HEADER = "x-amz-access-token";
    static final String RATE_LIMIT_HEADER = "x-amzn-RateLimit-Limit";
    static final String LISTINGS_PATH = "/listings/2021-08-01/items/";
    static final String FULFILLMENT_AVAILABILITY = "fulfillment_availability";
    /**
     * patchListingsItem's usage plan (the published model: rate 5, burst 5), less a little: calls sent exactly 200 ms
     * apart can arrive closer together, and with Amazon's bucket drained that is a 429 (the benchmark counted 1 to 4 in
     * a thousand); one token and a tenth of the rate left to Amazon's side absorb the jitter.
     */
    static final DocumentedLimit PATCH_LIMIT = new DocumentedLimit(4, 4.5);
    /** searchListingsItems' usage plan (the published model: rate 5, burst 5), with the same headroom. */
    static final DocumentedLimit SEARCH_LIMIT = new DocumentedLimit(4, 4.5);
    /** searchListingsItems takes at most 20 identifiers ({@code identifiers} maxItems) and pages at most 20 items. */
    static final int MAX_SEARCH_IDENTIFIERS = 20;

    private final MarketplaceHttp http;
    private final AccessTokens tokens;

    public AmazonConnector(MarketplaceHttp http, AccessTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public ChannelType type() {
        return ChannelType.AMAZON;
    }

    @Override
    public int maxBatchSize() {
        return 1;
    }

    /** patchListingsItem: 5 requests per second per seller, burst 5; x-amzn-RateLimit-Limit overrides the rate. */
    @Override
    public DocumentedLimit rateLimit() {
        return PATCH_LIMIT;
    }

    /**
     * Amazon applies a usage plan per selling partner and operation, whatever application or channel calls: two
     * channels of one seller share one patchListingsItem bucket and one searchListingsItems bucket, so together they
     * never send more than the seller may. (The rare getListingsItem of a SKU holding a comma draws from the search
     * bucket too: its own plan, 5/s burst 10, is the looser of the two.)
     */
    @Override
    public RateBucket rateBucket(ChannelAccess channel, CallKind kind) {
        String seller = "amazon seller " + required(channel, "sellerId");
        return kind == CallKind.PUSH ? new RateBucket(seller + " patchListingsItem", PATCH_LIMIT)
                : new RateBucket(seller + " searchListingsItems", SEARCH_LIMIT);
    }

    @Override
    public Uni<Reply<List<ListingOutcome>>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        // one SKU per call, as the API has it; more than one is sent one after the other
        return Multi.createFrom().iterable(updates)
                .onItem().transformToUniAndConcatenate(update -> patch(channel, update))
                .collect().asList().map(Reply::all);
    }

    private Uni<Reply<ListingOutcome>> patch(ChannelAccess channel, ListingUpdate update) {
        String sku = sku(update);
        // "merge", not "replace": PatchOperation.op allows add, replace, merge and delete ("The `merge` operation merges
        // the target property", amazon-sp-api-listingsItems_2021-08-01.json), and Amazon's "Merge a listing" tutorial
        // (Listings Items API, changelog 2025-06-16) names this very use: it updates the quantity of
        // fulfillment_availability, matched by the non-empty selector fulfillment_channel_code, and leaves the fields
        // not sent (lead_time_to_ship_max_days, restock_date, is_inventory_available) as the seller set them. A
        // "replace" of the attribute would drop them. So only the selector and the quantity are sent: no copy of the
        // seller's values that could be stale by the time Amazon applies the patch.
        JsonObject body = new JsonObject()
                .put("productType", channel.option("productType", "PRODUCT"))
                .put("patches", new JsonArray().add(new JsonObject()
                        .put("op", "merge")
                        .put("path", "/attributes/fulfillment_availability")
                        .put("value", new JsonArray().add(new JsonObject()
                                .put("fulfillment_channel_code", channel.option("fulfillmentChannelCode", "DEFAULT"))
                                .put("quantity", update.quantity())))));
        String url = itemUrl(channel, sku);
        String what = "amazon " + channel.channelId() + " patchListingsItem";
        return tokens.authorized(grant(channel), AmazonConnector::tokenRefused, token -> http
                        .request(HttpMethod.PATCH, url).flatMap(request -> request
                        .addQueryParam("marketplaceIds", marketplaceIds(channel))
                        .putHeader(ACCESS_TOKEN_HEADER, token)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Accept", "application/json")
                        .timeout(MarketplaceHttp.timeoutMillis(channel))
                        .sendBuffer(Buffer.buffer(body.encode()))))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> Reply.of(outcome(what, update, response), rate(response)));
    }

    private static ListingOutcome outcome(String what, ListingUpdate update, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 200) {
            JsonObject answer = response.bodyAsJsonObject();
            if ("ACCEPTED".equals(answer.getString("status"))) {
                // "accepted for processing": queued, applied later; the pipeline reads it back before calling it done
                return ListingOutcome.accepted(update);
            }
            MarketplaceHttp.logAnswer("amazon patchListingsItem " + update.sku(), status, answer.encode());
            return rejected(update, answer.getString("status") + " " + issues(answer.getJsonArray("issues")));
        }
        if (status == 400 || status == 404 || status == 413) {
            // this SKU's request is wrong; the next SKU's may be fine
            MarketplaceHttp.logAnswer("amazon patchListingsItem " + update.sku(), status, response.bodyAsString());
            return rejected(update, "HTTP " + status);
        }
        throw MarketplaceHttp.failure(what, response).carrying(rate(response));
    }

    @Override
    public boolean canReadBack() {
        return true;
    }

    @Override
    public int maxReadBatchSize() {
        return MAX_SEARCH_IDENTIFIERS;
    }

    @Override
    public Uni<Reply<Map<String, Long>>> read(ChannelAccess channel, List<String> listingIds) {
        return items(channel, listingIds, "fulfillmentAvailability").map(reply -> reply.map(held -> {
            Map<String, Long> quantities = new HashMap<>();
            held.forEach((sku, listing) -> {
                if (listing.quantity() != null) {
                    quantities.put(sku, listing.quantity());
                }
            });
            return quantities;
        }));
    }

    /**
     * searchListingsItems (or getListingsItem, see {@link #items}) with {@code includedData=fulfillmentAvailability,issues}:
     * the quantity of the channel's fulfilment channel and the ERROR issues against {@code fulfillment_availability}
     * ("an issue has occurred preventing the submission from processing", Issue.severity), each as its code and
     * categories.
     */
    @Override
    public Uni<Reply<Map<String, HeldListing>>> readWithIssues(ChannelAccess channel, List<String> listingIds) {
        return items(channel, listingIds, "fulfillmentAvailability,issues");
    }

    /**
     * Up to 20 SKUs in one searchListingsItems call ({@code identifiersType=SKU}, {@code pageSize} as many as asked, so
     * one page holds them all; a {@code nextToken} is followed all the same). A SKU holding a comma cannot travel in
     * the comma-delimited {@code identifiers}: it is read on its own with getListingsItem. SKUs Amazon does not know
     * are absent from the answer, as they are from the result.
     */
    private Uni<Reply<Map<String, HeldListing>>> items(ChannelAccess channel, List<String> listingIds, String includedData) {
        List<String> searchable = listingIds.stream().filter(sku -> !sku.contains(",")).toList();
        List<String> alone = listingIds.stream().filter(sku -> sku.contains(",")).toList();
        List<Uni<Reply<Map<String, HeldListing>>>> calls = new ArrayList<>();
        for (int from = 0; from < searchable.size(); from += MAX_SEARCH_IDENTIFIERS) {
            List<String> chunk = searchable.subList(from, Math.min(searchable.size(), from + MAX_SEARCH_IDENTIFIERS));
            calls.add(search(channel, chunk, includedData, null));
        }
        alone.forEach(sku -> calls.add(item(channel, sku, includedData)));
        return Multi.createFrom().iterable(calls).onItem().transformToUniAndConcatenate(call -> call)
                .collect().asList()
                .map(replies -> Reply.all(replies).map(AmazonConnector::merged));
    }

    private Uni<Reply<Map<String, HeldListing>>> search(ChannelAccess channel, List<String> skus, String includedData,
            String pageToken) {
        String what = "amazon " + channel.channelId() + " searchListingsItems";
        String code = channel.option("fulfillmentChannelCode", "DEFAULT");
        return tokens.authorized(grant(channel), AmazonConnector::tokenRefused, token -> http
                        .request(HttpMethod.GET, searchUrl(channel)).flatMap(request -> {
                            request.addQueryParam("marketplaceIds", marketplaceIds(channel))
                                    .addQueryParam("identifiersType", "SKU")
                                    .addQueryParam("identifiers", String.join(",", skus))
                                    .addQueryParam("includedData", includedData)
                                    .addQueryParam("pageSize", String.valueOf(skus.size()));
                            if (pageToken != null) {
                                request.addQueryParam("pageToken", pageToken);
                            }
                            return request.putHeader(ACCESS_TOKEN_HEADER, token)
                                    .putHeader("Accept", "application/json")
                                    .timeout(MarketplaceHttp.timeoutMillis(channel))
                                    .send();
                        }))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .flatMap(response -> {
                    if (!MarketplaceHttp.ok(response)) {
                        throw MarketplaceHttp.failure(what, response).carrying(rate(response));
                    }
                    JsonObject results = response.bodyAsJsonObject();
                    Map<String, HeldListing> held = new HashMap<>();
                    JsonArray found = results.getJsonArray("items", new JsonArray());
                    for (int i = 0; i < found.size(); i++) {
                        JsonObject item = found.getJsonObject(i);
                        String sku = item.getString("sku");
                        if (sku != null && skus.contains(sku)) {
                            held.put(sku, new HeldListing(quantity(item, code), errors(sku, item.getJsonArray("issues"))));
                        }
                    }
                    Reply<Map<String, HeldListing>> page = Reply.of(held, rate(response));
                    String next = results.getJsonObject("pagination", new JsonObject()).getString("nextToken");
                    if (next == null || next.isBlank() || next.equals(pageToken) || found.isEmpty()) {
                        return Uni.createFrom().item(page);
                    }
                    return search(channel, skus, includedData, next)
                            .map(rest -> Reply.all(List.of(page, rest)).map(AmazonConnector::merged));
                });
    }

    private Uni<Reply<Map<String, HeldListing>>> item(ChannelAccess channel, String sku, String includedData) {
        String what = "amazon " + channel.channelId() + " getListingsItem";
        String code = channel.option("fulfillmentChannelCode", "DEFAULT");
        return tokens.authorized(grant(channel), AmazonConnector::tokenRefused,
                        token -> http.request(HttpMethod.GET, itemUrl(channel, sku)).flatMap(request -> request
                                .addQueryParam("marketplaceIds", marketplaceIds(channel))
                                .addQueryParam("includedData", includedData)
                                .putHeader(ACCESS_TOKEN_HEADER, token)
                                .putHeader("Accept", "application/json")
                                .timeout(MarketplaceHttp.timeoutMillis(channel))
                                .send()))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> {
                    Map<String, HeldListing> held = new HashMap<>();
                    if (response.statusCode() == 404) {
                        return Reply.of(held, rate(response));
                    }
                    if (!MarketplaceHttp.ok(response)) {
                        throw MarketplaceHttp.failure(what, response).carrying(rate(response));
                    }
                    JsonObject item = response.bodyAsJsonObject();
                    held.put(sku, new HeldListing(quantity(item, code), errors(sku, item.getJsonArray("issues"))));
                    return Reply.of(held, rate(response));
                });
    }

    private static Long quantity(JsonObject item, String fulfillmentChannelCode) {
        JsonArray availability = item.getJsonArray("fulfillmentAvailability", new JsonArray());
        for (int i = 0; i < availability.size(); i++) {
            JsonObject entry = availability.getJsonObject(i);
            if (fulfillmentChannelCode.equals(entry.getString("fulfillmentChannelCode")) && entry.getValue("quantity") != null) {
                return entry.getLong("quantity");
            }
        }
        return null;
    }

    /** ERROR issues naming fulfillment_availability, as "code CATEGORY,..."; their messages go to the log only. */
    private static List<String> errors(String sku, JsonArray issues) {
        List<String> errors = new ArrayList<>();
        if (issues == null) {
            return errors;
        }
        for (int i = 0; i < issues.size(); i++) {
            JsonObject issue = issues.getJsonObject(i);
            JsonArray attributes = issue.getJsonArray("attributeNames", new JsonArray());
            if ("ERROR".equals(issue.getString("severity")) && attributes.contains(FULFILLMENT_AVAILABILITY)) {
                JsonArray categories = issue.getJsonArray("categories", new JsonArray());
                List<String> names = new ArrayList<>();
                categories.forEach(category -> names.add(String.valueOf(category)));
                errors.add((issue.getString("code", "?") + " " + String.join(",", names)).trim());
                Log.infof("amazon listing %s reports issue %s: %s", sku, issue.getString("code"), issue.getString("message"));
            }
        }
        return errors;
    }

    /** Amazon answers 403 (Unauthorized) for an expired token, and 401 where a gateway checks it first. */
    private static boolean tokenRefused(int status) {
        return status == 401 || status == 403;
    }

    /** The rate Amazon grants this seller now (x-amzn-RateLimit-Limit), when it says. */
    private static RateSignal rate(HttpResponse<Buffer> response) {
        String limit = response.getHeader(RATE_LIMIT_HEADER);
        if (limit != null) {
            try {
                return RateSignal.rate(Double.parseDouble(limit.trim()));
            } catch (NumberFormatException unreadable) {
                // keep the documented rate
            }
        }
        return RateSignal.NONE;
    }

    private static <V> Map<String, V> merged(List<Map<String, V>> parts) {
        Map<String, V> all = new HashMap<>();
        parts.forEach(all::putAll);
        return all;
    }

    AccessTokens.Grant grant(ChannelAccess channel) {
        String clientId = channel.credential("lwaClientId");
        return new AccessTokens.Grant(channel.type().name().toLowerCase() + " channel " + channel.channelId(),
                http.tokenEndpoint(channel, TOKEN_PATH, DEFAULT_TOKEN_ENDPOINT),
                Map.of("grant_type", "refresh_token",
                        "refresh_token", channel.credential("refreshToken"),
                        "client_id", clientId,
                        "client_secret", channel.credential("lwaClientSecret")),
                null, null);
    }

    private static String searchUrl(ChannelAccess channel) {
        return MarketplaceHttp.url(channel, LISTINGS_PATH + pathSegment(required(channel, "sellerId")));
    }

    private static String itemUrl(ChannelAccess channel, String sku) {
        return MarketplaceHttp.url(channel, LISTINGS_PATH + pathSegment(required(channel, "sellerId")) + "/" + pathSegment(sku));
    }

    private static String marketplaceIds(ChannelAccess channel) {
        return required(channel, "marketplaceIds").replace(" ", "");
    }

    private static String required(ChannelAccess channel, String option) {
        String value = channel.options().get(option);
        if (value == null || value.isBlank()) {
            throw new MarketplaceException.PermanentFailure("amazon channel " + channel.channelId() + " has no option " + option);
        }
        return value;
    }

    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String sku(ListingUpdate update) {
        return update.listingId() != null ? update.listingId() : update.sku();
    }

    private static ListingOutcome rejected(ListingUpdate update, String detail) {
        return new ListingOutcome(update.sku(), update.listingId(), ListingOutcome.Status.REJECTED, null, detail);
    }

    /** The issues' codes (what the API may show; their messages are Amazon's words, for the log). */
    private static String issues(JsonArray issues) {
        if (issues == null || issues.isEmpty()) {
            return "";
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < issues.size(); i++) {
            codes.add(issues.getJsonObject(i).getString("code"));
        }
        return String.join(", ", codes);
    }
}
