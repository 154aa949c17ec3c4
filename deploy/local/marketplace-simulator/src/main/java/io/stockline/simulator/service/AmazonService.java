package io.stockline.simulator.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
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
 * Amazon's Selling Partner API for Listings Items (2021-08-01) and Login with Amazon's token endpoint: a patch of
 * {@code /attributes/fulfillment_availability} sets the quantity; a get with {@code includedData=fulfillmentAvailability}
 * reads it, and a search reads up to 20 SKUs in one call, each item built as the get builds it. Answers follow the
 * published model (ListingsItemSubmissionResponse, Item, ItemSearchResults, ErrorList); every answer
 * carries {@code x-amzn-RequestId} and {@code x-amzn-RateLimit-Limit}; beyond the usage plan it answers 429.
 * <p>
 * As on Amazon, a valid patch is only queued: it answers {@code 200 ACCEPTED} ("accepted for processing") at once and
 * is applied {@code simulator.amazon.apply-delay} later (0: at once), in the order accepted; until then a get (or a
 * search) shows what the listing held before. A {@code merge} of {@code fulfillment_availability} changes only the
 * fields it sends for its {@code fulfillment_channel_code}, keeping the seller's handling time
 * ({@code lead_time_to_ship_max_days}), restock date and the rest; a {@code replace} (or {@code add}) sets the
 * attribute to what it sends, dropping them.
 */
@Startup
@ApplicationScoped
public class AmazonService {

    static final String FULFILLMENT_AVAILABILITY = "/attributes/fulfillment_availability";
    private static final Set<String> DATA_SETS = Set.of("summaries", "attributes", "issues", "offers",
            "fulfillmentAvailability", "procurement", "relationships", "productTypes");
    /** searchListingsItems' identifiersType values (the published enum); the simulator searches by SKU only. */
    private static final Set<String> IDENTIFIER_TYPES = Set.of("ASIN", "EAN", "FNSKU", "GTIN", "ISBN", "JAN", "MINSAN", "SKU",
            "UPC");
    /** searchListingsItems: {@code identifiers} maxItems and {@code pageSize} maximum and default, as published. */
    private static final int MAX_IDENTIFIERS = 20;
    private static final int MAX_PAGE_SIZE = 20;
    private static final int DEFAULT_PAGE_SIZE = 10;
    /** "The maximum number of items (SKUs) that can be returned and paged through is 1000" (ItemSearchResults). */
    private static final int MAX_RESULTS = 1000;
    private static final String PAGE_TOKEN_PREFIX = "searchListingsItems:";

    private final ObjectMapper json;
    private final ListingStore store;
    private final RateLimits limits;
    private final CallStats stats;
    private final AccessTokens tokens;
    private final SimulatorSettings settings;
    private final SimulatorConfig config;
    /** What Amazon would keep beside the quantity: product type, marketplaces and the creation time. */
    private final Map<ListingKey, Details> details = new ConcurrentHashMap<>();
    /**
     * The fields of each listing's fulfillment_availability entry other than its quantity (which the store holds):
     * fulfillment_channel_code, lead_time_to_ship_max_days, restock_date, is_inventory_available...
     */
    private final Map<ListingKey, ObjectNode> fulfillment = new ConcurrentHashMap<>();
    /** Applies accepted patches after the delay; one thread, so they land in the order they were accepted. */
    private final ScheduledExecutorService processing = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "amazon-submissions");
        thread.setDaemon(true);
        return thread;
    });
    /** Bumped by a reset: submissions accepted before it are dropped, not applied. */
    private final AtomicLong generation = new AtomicLong();

    private record Details(String productType, List<String> marketplaceIds, Instant createdAt) {
    }

    public AmazonService(ObjectMapper json, ListingStore store, RateLimits limits, CallStats stats, AccessTokens tokens,
            SimulatorSettings settings, SimulatorConfig config) {
        this.json = json;
        this.store = store;
        this.limits = limits;
        this.stats = stats;
        this.tokens = tokens;
        this.settings = settings;
        this.config = config;
    }

    /** Login with Amazon: exchanges a refresh token for an access token. */
    public Answer token(String grantType, String refreshToken, String clientId, String clientSecret) {
        if (blank(grantType) || blank(clientId) || blank(clientSecret)) {
            return oauthError(400, "invalid_request", "The request is missing a required parameter : "
                    + (blank(grantType) ? "grant_type" : blank(clientId) ? "client_id" : "client_secret"));
        }
        if (!grantType.equals("refresh_token")) {
            return oauthError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server");
        }
        if (blank(refreshToken)) {
            return oauthError(400, "invalid_request", "The request is missing a required parameter : refresh_token");
        }
        long lifetime = config.amazon().tokenLifetimeSeconds();
        ObjectNode answer = json.createObjectNode()
                .put("access_token", tokens.issue(Marketplace.AMAZON, "Atza|sim-", Duration.ofSeconds(lifetime)))
                .put("refresh_token", refreshToken)
                .put("token_type", "bearer")
                .put("expires_in", lifetime);
        return Answer.of(200, answer);
    }

    private Answer oauthError(int status, String error, String description) {
        stats.authFailure(Marketplace.AMAZON);
        return Answer.of(status, json.createObjectNode().put("error", error).put("error_description", description));
    }

    public Answer patch(String accessToken, String sellerId, String sku, String marketplaceIds, String mode, String body) {
        return guarded(accessToken, sellerId, "patchListingsItem", () -> {
            Optional<Answer> badQuery = csv(marketplaceIds).isEmpty()
                    ? Optional.of(error(400, "InvalidInput", "Missing required 'marketplaceIds' query parameter.")) : Optional.empty();
            if (badQuery.isPresent()) {
                return badQuery.get();
            }
            JsonNode request;
            try {
                request = json.readTree(body == null ? "" : body);
            } catch (Exception unreadable) {
                return error(400, "InvalidInput", "The request body is not valid JSON.");
            }
            if (request == null || !request.isObject() || !request.path("productType").isTextual()) {
                return error(400, "InvalidInput", "Request body is missing required property 'productType'.");
            }
            JsonNode patches = request.path("patches");
            if (!patches.isArray() || patches.isEmpty()) {
                return error(400, "InvalidInput", "Request body property 'patches' must hold at least one patch operation.");
            }
            ListingKey key = new ListingKey(Marketplace.AMAZON, sellerId, sku);
            ArrayNode issues = json.createArrayNode();
            Long quantity = null;
            String fulfillmentOp = null;
            ObjectNode fulfillmentEntry = null;
            for (JsonNode patch : patches) {
                String op = patch.path("op").asText("");
                if (!List.of("add", "replace", "merge", "delete").contains(op) || !patch.path("path").isTextual()) {
                    return error(400, "InvalidInput", "Each patch needs 'op' (add, replace, merge or delete) and 'path'.");
                }
                if (!patch.path("path").asText().equals(FULFILLMENT_AVAILABILITY) || op.equals("delete")) {
                    continue; // other attributes are accepted and not kept
                }
                JsonNode entry = patch.path("value").path(0);
                JsonNode value = entry.path("quantity");
                // merge needs a non-empty selector (fulfillment_channel_code); every op here needs a whole quantity
                if (!entry.path("fulfillment_channel_code").isTextual() || entry.path("fulfillment_channel_code").asText().isBlank()
                        || !value.isIntegralNumber() || value.asLong() < 0) {
                    issues.addObject().put("code", "90220").put("severity", "ERROR")
                            .put("message", "'fulfillment_availability' needs fulfillment_channel_code and a whole quantity of 0 or more.")
                            .putArray("attributeNames").add("fulfillment_availability");
                    ((ObjectNode) issues.get(issues.size() - 1)).putArray("categories").add("INVALID_ATTRIBUTE");
                    continue;
                }
                quantity = value.asLong();
                fulfillmentOp = op;
                fulfillmentEntry = ((ObjectNode) entry).deepCopy();
            }
            if (quantity != null && store.find(key).isEmpty() && !settings.autoCreate()) {
                issues.addObject().put("code", "8541").put("severity", "ERROR")
                        .put("message", "The SKU is not in your catalog; patch only updates existing listings.")
                        .putArray("attributeNames").add("fulfillment_availability");
                ((ObjectNode) issues.get(issues.size() - 1)).putArray("categories").add("INVALID_ATTRIBUTE");
            }
            ObjectNode answer = json.createObjectNode().put("sku", sku);
            if (!issues.isEmpty()) {
                answer.put("status", "INVALID").put("submissionId", UUID.randomUUID().toString().replace("-", ""));
                answer.set("issues", issues);
                return Answer.of(200, answer);
            }
            if ("VALIDATION_PREVIEW".equals(mode)) {
                answer.put("status", "VALID").put("submissionId", UUID.randomUUID().toString().replace("-", ""));
                answer.putArray("issues");
                return Answer.of(200, answer);
            }
            Details submitted = new Details(request.path("productType").asText(), csv(marketplaceIds), Instant.now());
            Runnable apply = submission(key, sku, quantity, fulfillmentOp, fulfillmentEntry, submitted);
            Duration delay = config.amazon().applyDelay();
            if (delay.isZero() || delay.isNegative()) {
                apply.run();
            } else {
                long accepted = generation.get();
                processing.schedule(() -> {
                    if (generation.get() == accepted) {
                        apply.run();
                    }
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            answer.put("status", "ACCEPTED").put("submissionId", UUID.randomUUID().toString().replace("-", ""));
            answer.putArray("issues");
            return Answer.of(200, answer);
        });
    }

    /** What processing an accepted submission does to the listing, when its time comes. */
    private Runnable submission(ListingKey key, String sku, Long quantity, String op, ObjectNode entry, Details submitted) {
        return () -> {
            if (quantity != null) {
                ObjectNode sent = entry.deepCopy();
                sent.remove("quantity");
                fulfillment.compute(key, (k, held) -> {
                    if (!"merge".equals(op) || held == null
                            || !held.path("fulfillment_channel_code").asText().equals(sent.path("fulfillment_channel_code").asText())) {
                        return sent; // add / replace set the attribute to what was sent
                    }
                    ObjectNode merged = held.deepCopy();
                    merged.setAll(sent); // merge: the fields sent change, the others stay
                    return merged;
                });
                store.write(key, sku, quantity);
            }
            details.compute(key, (k, held) -> new Details(submitted.productType(), submitted.marketplaceIds(),
                    held == null ? submitted.createdAt() : held.createdAt()));
        };
    }

    /**
     * Sets the fields of the listing's fulfillment_availability entry beside its quantity, as the seller would in Seller
     * Central (lead_time_to_ship_max_days, restock_date, is_inventory_available, fulfillment_channel_code).
     */
    public void seedFulfillment(ListingKey key, Map<String, Object> fields) {
        ObjectNode entry = json.valueToTree(fields);
        entry.remove("quantity");
        if (!entry.path("fulfillment_channel_code").isTextual()) {
            entry.put("fulfillment_channel_code", "DEFAULT");
        }
        fulfillment.put(key, entry);
    }

    public Answer get(String accessToken, String sellerId, String sku, String marketplaceIds, String includedData) {
        return guarded(accessToken, sellerId, "getListingsItem", () -> read(marketplaceIds, includedData, (marketplaces, wanted) -> {
            ListingKey key = new ListingKey(Marketplace.AMAZON, sellerId, sku);
            Optional<Listing> held = store.find(key);
            if (held.isEmpty()) {
                return error(404, "NOT_FOUND", "SKU '" + sku + "' not found in marketplace " + marketplaces.get(0));
            }
            return Answer.of(200, item(key, held.get(), marketplaces, wanted));
        }));
    }

    /** What getListingsItem and searchListingsItems check first: the marketplaces named, the data sets known. */
    private Answer read(String marketplaceIds, String includedData, BiFunction<List<String>, Set<String>, Answer> work) {
        List<String> marketplaces = csv(marketplaceIds);
        if (marketplaces.isEmpty()) {
            return missingMarketplaceIds();
        }
        Optional<Set<String>> wanted = includedData(includedData);
        if (wanted.isEmpty()) {
            return invalidIncludedData(includedData);
        }
        return work.apply(marketplaces, wanted.get());
    }

    /**
     * searchListingsItems: the seller's listings with the given SKUs ({@code identifiersType=SKU}, at most 20), found
     * ones in the order asked and unknown ones simply absent, or without identifiers all of them by SKU (as far as
     * Amazon pages: 1000); {@code pageSize} (1 to 20, 10 by default) items a page, the rest behind
     * {@code pagination.nextToken}. Only SKUs are searched: another (valid) identifiersType is refused 400 rather than
     * answered "nothing found", so a caller relying on it learns at once that the simulator cannot stand in for it.
     */
    public Answer search(String accessToken, String sellerId, String marketplaceIds, String identifiersType, String identifiers,
            String includedData, String pageSize, String pageToken) {
        return guarded(accessToken, sellerId, "searchListingsItems", () -> read(marketplaceIds, includedData, (marketplaces, wanted) -> {
            List<String> skus = csv(identifiers);
            boolean byIdentifier = !blank(identifiersType);
            if (byIdentifier && skus.isEmpty()) {
                return error(400, "InvalidInput", "'identifiers' is required when 'identifiersType' is provided.");
            }
            if (!byIdentifier && !skus.isEmpty()) {
                return error(400, "InvalidInput", "'identifiersType' is required when 'identifiers' is provided.");
            }
            if (byIdentifier && !IDENTIFIER_TYPES.contains(identifiersType)) {
                return error(400, "InvalidInput", "Invalid 'identifiersType' value: " + identifiersType);
            }
            if (byIdentifier && !identifiersType.equals("SKU")) {
                return error(400, "InvalidInput", "The marketplace simulator searches by identifiersType SKU only, not "
                        + identifiersType + ".");
            }
            if (skus.size() > MAX_IDENTIFIERS) {
                return error(400, "InvalidInput", "'identifiers' holds " + skus.size() + " values; at most "
                        + MAX_IDENTIFIERS + " are allowed.");
            }
            Optional<Integer> size = pageSize(pageSize);
            if (size.isEmpty()) {
                return error(400, "InvalidInput", "Invalid 'pageSize' value: " + pageSize
                        + "; it must be a whole number from 1 to " + MAX_PAGE_SIZE + ".");
            }
            Optional<Integer> offset = blank(pageToken) ? Optional.of(0) : offset(pageToken);
            if (offset.isEmpty()) {
                return error(400, "InvalidInput", "Invalid 'pageToken' value: " + pageToken);
            }
            // one look at the store for the whole call, so the answer shows one moment's state
            List<Listing> found = byIdentifier
                    ? store.atomically(view -> skus.stream().distinct()
                            .flatMap(sku -> view.find(new ListingKey(Marketplace.AMAZON, sellerId, sku)).stream()).toList())
                    : store.list(Optional.of(Marketplace.AMAZON), Optional.of(sellerId), Optional.empty());
            List<Listing> pageable = found.subList(0, Math.min(found.size(), MAX_RESULTS));
            int from = Math.min(offset.get(), pageable.size());
            int to = Math.min(pageable.size(), from + size.get());
            ObjectNode answer = json.createObjectNode().put("numberOfResults", found.size());
            ObjectNode pagination = json.createObjectNode();
            if (to < pageable.size()) {
                pagination.put("nextToken", pageToken(to));
            }
            if (from > 0) {
                pagination.put("previousToken", pageToken(Math.max(0, from - size.get())));
            }
            if (!pagination.isEmpty()) {
                answer.set("pagination", pagination);
            }
            ArrayNode items = answer.putArray("items");
            for (Listing listing : pageable.subList(from, to)) {
                items.add(item(listing.key(), listing, marketplaces, wanted));
            }
            return Answer.of(200, answer);
        }));
    }

    /** One listings item (the published Item) with the data sets asked for: a get's answer, one of a search's items. */
    private ObjectNode item(ListingKey key, Listing listing, List<String> marketplaces, Set<String> wanted) {
        Details known = details.getOrDefault(key, new Details("PRODUCT", marketplaces, listing.updatedAt()));
        ObjectNode item = json.createObjectNode().put("sku", key.listingId());
        if (wanted.contains("summaries")) {
            ArrayNode summaries = item.putArray("summaries");
            for (String marketplaceId : marketplaces) {
                ObjectNode summary = summaries.addObject().put("marketplaceId", marketplaceId)
                        .put("productType", known.productType())
                        .put("createdDate", known.createdAt().toString())
                        .put("lastUpdatedDate", listing.updatedAt().toString());
                summary.putArray("status").add("BUYABLE").add("DISCOVERABLE");
            }
        }
        ObjectNode entry = fulfillment.getOrDefault(key, json.createObjectNode().put("fulfillment_channel_code", "DEFAULT"));
        if (wanted.contains("attributes")) {
            ObjectNode attribute = entry.deepCopy().put("quantity", listing.quantity());
            item.putObject("attributes").putArray("fulfillment_availability").add(attribute);
        }
        if (wanted.contains("fulfillmentAvailability")) {
            item.putArray("fulfillmentAvailability").addObject()
                    .put("fulfillmentChannelCode", entry.path("fulfillment_channel_code").asText("DEFAULT"))
                    .put("quantity", listing.quantity());
        }
        if (wanted.contains("issues")) {
            item.putArray("issues");
        }
        return item;
    }

    /** The data sets an {@code includedData} list names (summaries when none), or empty when it names one Amazon has not. */
    private static Optional<Set<String>> includedData(String csv) {
        Set<String> wanted = blank(csv) ? Set.of("summaries")
                : Arrays.stream(csv.split(",")).map(String::trim).collect(Collectors.toSet());
        return DATA_SETS.containsAll(wanted) ? Optional.of(wanted) : Optional.empty();
    }

    private Answer invalidIncludedData(String includedData) {
        return error(400, "InvalidInput", "Invalid 'includedData' value: " + includedData);
    }

    private Answer missingMarketplaceIds() {
        return error(400, "InvalidInput", "Missing required 'marketplaceIds' query parameter.");
    }

    /** The page size asked for (10 when none), or empty when it is not a whole number from 1 to 20. */
    private static Optional<Integer> pageSize(String value) {
        if (blank(value)) {
            return Optional.of(DEFAULT_PAGE_SIZE);
        }
        try {
            int size = Integer.parseInt(value.trim());
            return size >= 1 && size <= MAX_PAGE_SIZE ? Optional.of(size) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    /**
     * A page token: opaque to the caller, as Amazon's are, and here just the offset of the page's first item in the
     * results, so a token stays good as long as the results do.
     */
    private static String pageToken(int offset) {
        byte[] token = (PAGE_TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The offset a page token this simulator gave stands for, or empty for any other string. */
    private static Optional<Integer> offset(String pageToken) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PAGE_TOKEN_PREFIX)) {
                return Optional.empty();
            }
            int offset = Integer.parseInt(decoded.substring(PAGE_TOKEN_PREFIX.length()));
            return offset >= 0 ? Optional.of(offset) : Optional.empty();
        } catch (IllegalArgumentException notOurs) { // NumberFormatException included
            return Optional.empty();
        }
    }

    /** Checks the access token and the usage plan, then answers; every answer gets Amazon's headers. */
    private Answer guarded(String accessToken, String sellerId, String operation, Supplier<Answer> work) {
        Answer answer;
        if (!tokens.valid(Marketplace.AMAZON, accessToken)) {
            stats.authFailure(Marketplace.AMAZON);
            answer = Answer.of(403, errorList("Unauthorized", "Access to requested resource is denied.",
                    accessToken == null || accessToken.isBlank() ? "The request has no x-amz-access-token header."
                            : "The access token you provided is revoked, malformed or invalid."));
        } else if (!limits.amazonCall(sellerId, operation)) {
            stats.rateLimitViolation(Marketplace.AMAZON);
            if (settings.enforceRateLimits()) {
                stats.throttled(Marketplace.AMAZON);
                answer = quotaExceeded();
            } else {
                answer = work.get();
            }
        } else {
            answer = work.get();
        }
        return withHeaders(answer);
    }

    private Answer quotaExceeded() {
        return Answer.of(429, errorList("QuotaExceeded", "You exceeded your quota for the requested resource.", null));
    }

    /** The 429 or 500 Amazon gives when it fails outright (injected faults). */
    public Answer failure(FaultKind kind) {
        return withHeaders(kind == FaultKind.RATE_LIMITED ? quotaExceeded()
                : Answer.of(500, errorList("InternalFailure", "We encountered an internal error. Please try again.", null)));
    }

    private Answer withHeaders(Answer answer) {
        return answer.withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withHeader("x-amzn-RateLimit-Limit", limits.amazonLimitHeader());
    }

    private Answer error(int status, String code, String message) {
        return Answer.of(status, errorList(code, message, null));
    }

    private ObjectNode errorList(String code, String message, String details) {
        ObjectNode answer = json.createObjectNode();
        ObjectNode error = answer.putArray("errors").addObject().put("code", code).put("message", message);
        if (details != null) {
            error.put("details", details);
        }
        return answer;
    }

    /** The values of a comma-delimited query parameter (the published model's collectionFormat csv), blanks left out. */
    private static List<String> csv(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public void reset() {
        generation.incrementAndGet();
        details.clear();
        fulfillment.clear();
    }

    @PreDestroy
    void stop() {
        processing.shutdownNow();
    }
}
