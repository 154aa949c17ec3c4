package io.stockline.simulator;

import static io.restassured.RestAssured.given;
import static io.stockline.simulator.MarketplaceSpecs.AMAZON;
import static io.stockline.simulator.MarketplaceSpecs.assertConforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.model.Request.Method;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class AmazonApiTest {

    private static final String SELLER = "A2SELLER";
    private static final String MARKETPLACE = "ATVPDKIKX0DER";
    /** simulator.amazon.apply-delay in the test profile. */
    private static final Duration APPLY_DELAY = Duration.ofSeconds(1);

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    static String patchBody(Object quantity) {
        return """
                {"productType":"PRODUCT","patches":[{"op":"replace","path":"/attributes/fulfillment_availability",
                 "value":[{"fulfillment_channel_code":"DEFAULT","quantity":%s}]}]}""".formatted(quantity);
    }

    private Response patch(String token, String sku, String body) {
        return given().header("x-amz-access-token", token).contentType("application/json").queryParam("marketplaceIds", MARKETPLACE)
                .body(body).patch("/amazon/listings/2021-08-01/items/{seller}/{sku}", SELLER, sku);
    }

    private void assertPatchConforms(String token, String sku, String body, Response response) {
        assertConforms(AMAZON, Method.PATCH, "/amazon/listings/2021-08-01/items/" + SELLER + "/" + sku,
                Map.of("marketplaceIds", MARKETPLACE), Map.of("x-amz-access-token", token, "Content-Type", "application/json"),
                body, response);
    }

    @Test
    void lwaIssuesABearerTokenForARefreshToken() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("refresh_token", "Atzr|r").formParam("client_id", "id").formParam("client_secret", "s")
                .post("/amazon/auth/o2/token")
                .then().statusCode(200).body("token_type", equalTo("bearer")).body("expires_in", equalTo(3600))
                .body("access_token", notNullValue());
    }

    @Test
    void lwaRefusesAMissingRefreshTokenAndOtherGrants() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("client_id", "id").formParam("client_secret", "s").post("/amazon/auth/o2/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("refresh_token", "r").formParam("client_id", "id").formParam("client_secret", "s").post("/amazon/auth/o2/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void aPatchIsAcceptedAtOnceAndAppliedAfterTheDelayAGetShowingTheOldQuantityUntilThen() {
        String token = Sim.amazonToken();
        Sim.seed("amazon", SELLER, "SKU-1", 4);
        String body = patchBody(17);
        long sent = System.nanoTime();
        Response patched = patch(token, "SKU-1", body);
        patched.then().statusCode(200).body("sku", equalTo("SKU-1")).body("status", equalTo("ACCEPTED"))
                .body("submissionId", notNullValue()).body("issues.size()", equalTo(0))
                .header("x-amzn-RateLimit-Limit", equalTo("5.0")).header("x-amzn-RequestId", notNullValue());
        assertPatchConforms(token, "SKU-1", body, patched);

        // queued, not applied: Amazon (and the simulator, apply-delay 1 s in tests) processes it later
        Response before = read(token, "SKU-1", "summaries,fulfillmentAvailability");
        long heldBefore = Sim.quantity("amazon", "SKU-1");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("the reads came within the apply delay")
                .isLessThan(APPLY_DELAY);
        before.then().statusCode(200).body("fulfillmentAvailability[0].quantity", equalTo(4));
        assertThat(heldBefore).isEqualTo(4);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Sim.quantity("amazon", "SKU-1")).isEqualTo(17));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("not before the delay").isGreaterThanOrEqualTo(APPLY_DELAY);
        Response after = read(token, "SKU-1", "summaries,fulfillmentAvailability");
        after.then().statusCode(200).body("sku", equalTo("SKU-1"))
                .body("fulfillmentAvailability[0].fulfillmentChannelCode", equalTo("DEFAULT"))
                .body("fulfillmentAvailability[0].quantity", equalTo(17))
                .body("summaries[0].marketplaceId", equalTo(MARKETPLACE));
        assertConforms(AMAZON, Method.GET, "/amazon/listings/2021-08-01/items/" + SELLER + "/SKU-1",
                Map.of("marketplaceIds", MARKETPLACE, "includedData", "summaries,fulfillmentAvailability"),
                Map.of("x-amz-access-token", token), null, after);
    }

    @Test
    void patchesAreAppliedInTheOrderAcceptedSoTheLastOneWins() {
        String token = Sim.amazonToken();
        for (long quantity : new long[] { 5, 9, 2 }) {
            patch(token, "SKU-ORDER", patchBody(quantity)).then().statusCode(200).body("status", equalTo("ACCEPTED"));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Sim.listings("amazon", "SKU-ORDER").then()
                .body("listings[0].writes", equalTo(3)).body("listings[0].quantity", equalTo(2)));
    }

    @Test
    void aMergeOfTheQuantityKeepsTheSellersHandlingTimeAndRestockDateAndAReplaceDropsThem() {
        String token = Sim.amazonToken();
        given().contentType("application/json").body(Map.of("marketplace", "amazon", "scope", SELLER, "listingId", "SKU-LT",
                "quantity", 4, "fulfillmentAvailability", Map.of("fulfillment_channel_code", "DEFAULT",
                        "lead_time_to_ship_max_days", 3, "restock_date", "2026-12-24")))
                .put("/_sim/listings").then().statusCode(200);
        String merge = """
                {"productType":"PRODUCT","patches":[{"op":"merge","path":"/attributes/fulfillment_availability",
                 "value":[{"fulfillment_channel_code":"DEFAULT","quantity":9}]}]}""";
        Response merged = patch(token, "SKU-LT", merge);
        merged.then().statusCode(200).body("status", equalTo("ACCEPTED"));
        assertPatchConforms(token, "SKU-LT", merge, merged);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Sim.quantity("amazon", "SKU-LT")).isEqualTo(9));
        Response attributes = read(token, "SKU-LT", "attributes,fulfillmentAvailability");
        attributes.then().statusCode(200)
                .body("attributes.fulfillment_availability[0].quantity", equalTo(9))
                .body("attributes.fulfillment_availability[0].lead_time_to_ship_max_days", equalTo(3))
                .body("attributes.fulfillment_availability[0].restock_date", equalTo("2026-12-24"))
                .body("fulfillmentAvailability[0].quantity", equalTo(9));
        assertConforms(AMAZON, Method.GET, "/amazon/listings/2021-08-01/items/" + SELLER + "/SKU-LT",
                Map.of("marketplaceIds", MARKETPLACE, "includedData", "attributes,fulfillmentAvailability"),
                Map.of("x-amz-access-token", token), null, attributes);

        // replace sets the whole attribute to what it sends: the seller's handling time and restock date are gone
        patch(token, "SKU-LT", patchBody(6)).then().statusCode(200).body("status", equalTo("ACCEPTED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Sim.quantity("amazon", "SKU-LT")).isEqualTo(6));
        read(token, "SKU-LT", "attributes").then().statusCode(200)
                .body("attributes.fulfillment_availability[0].quantity", equalTo(6))
                .body("attributes.fulfillment_availability[0].lead_time_to_ship_max_days", nullValue())
                .body("attributes.fulfillment_availability[0].restock_date", nullValue());
    }

    @Test
    void aMergeWithoutItsSelectorIsAnInvalidSubmissionAndChangesNothing() {
        String token = Sim.amazonToken();
        Sim.seed("amazon", SELLER, "SKU-SEL", 8);
        String body = """
                {"productType":"PRODUCT","patches":[{"op":"merge","path":"/attributes/fulfillment_availability",
                 "value":[{"fulfillment_channel_code":"","quantity":3}]}]}""";
        patch(token, "SKU-SEL", body).then().statusCode(200).body("status", equalTo("INVALID"))
                .body("issues[0].attributeNames[0]", equalTo("fulfillment_availability"));
        assertThat(Sim.quantity("amazon", "SKU-SEL")).isEqualTo(8);
    }

    @Test
    void fulfillmentAvailabilityIsSeededForAmazonListingsOnly() {
        given().contentType("application/json").body(Map.of("marketplace", "ebay", "listingId", "E-1", "quantity", 1,
                "fulfillmentAvailability", Map.of("lead_time_to_ship_max_days", 3)))
                .put("/_sim/listings").then().statusCode(400).body("violations[0].field", equalTo("fulfillmentAvailability"));
    }

    private Response read(String token, String sku, String includedData) {
        return given().header("x-amz-access-token", token).queryParam("marketplaceIds", MARKETPLACE)
                .queryParam("includedData", includedData).get("/amazon/listings/2021-08-01/items/{seller}/{sku}", SELLER, sku);
    }

    @Test
    void anUnknownSkuIsNotFoundAndTheAnswerKeepsToTheSpec() {
        String token = Sim.amazonToken();
        Response read = given().header("x-amz-access-token", token).queryParam("marketplaceIds", MARKETPLACE)
                .queryParam("includedData", "fulfillmentAvailability")
                .get("/amazon/listings/2021-08-01/items/{seller}/{sku}", SELLER, "NOPE");
        read.then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
        assertConforms(AMAZON, Method.GET, "/amazon/listings/2021-08-01/items/" + SELLER + "/NOPE",
                Map.of("marketplaceIds", MARKETPLACE, "includedData", "fulfillmentAvailability"), Map.of("x-amz-access-token", token), null, read);
    }

    @Test
    void withoutAnIssuedTokenTheCallIsDeniedAndNothingChanges() {
        Response missing = given().contentType("application/json").queryParam("marketplaceIds", MARKETPLACE).body(patchBody(3))
                .patch("/amazon/listings/2021-08-01/items/{seller}/{sku}", SELLER, "SKU-2");
        missing.then().statusCode(403).body("errors[0].code", equalTo("Unauthorized")).header("x-amzn-RateLimit-Limit", notNullValue());
        patch("Atza|made-up", "SKU-2", patchBody(3)).then().statusCode(403);
        Sim.listings("amazon", "SKU-2").then().body("listings.size()", equalTo(0));
        Sim.stats().then().body("authFailures.amazon", equalTo(2));
    }

    @Test
    void aRevokedTokenIsDeniedUntilANewOneIsFetched() {
        String token = Sim.amazonToken();
        given().delete("/_sim/tokens").then().statusCode(204);
        patch(token, "SKU-3", patchBody(1)).then().statusCode(403);
        patch(Sim.amazonToken(), "SKU-3", patchBody(1)).then().statusCode(200);
    }

    @Test
    void anInvalidQuantityIsAnInvalidSubmissionAndChangesNothing() {
        String token = Sim.amazonToken();
        Sim.seed("amazon", SELLER, "SKU-4", 8);
        String body = patchBody(-2);
        Response answer = patch(token, "SKU-4", body);
        answer.then().statusCode(200).body("status", equalTo("INVALID")).body("issues[0].severity", equalTo("ERROR"));
        assertPatchConforms(token, "SKU-4", body, answer);
        assertThat(Sim.quantity("amazon", "SKU-4")).isEqualTo(8);
    }

    @Test
    void aBodyWithoutProductTypeIsABadRequestInTheSpecsErrorShape() {
        String token = Sim.amazonToken();
        String body = "{\"patches\":[]}";
        Response answer = patch(token, "SKU-5", body);
        answer.then().statusCode(400).body("errors[0].code", equalTo("InvalidInput"));
        SimpleSpecCheck.responseOnly(AMAZON, Method.PATCH, "/amazon/listings/2021-08-01/items/" + SELLER + "/SKU-5",
                Map.of("marketplaceIds", MARKETPLACE), answer);
    }

    @Test
    void aValidationPreviewChangesNothing() {
        String token = Sim.amazonToken();
        given().header("x-amz-access-token", token).contentType("application/json").queryParam("marketplaceIds", MARKETPLACE)
                .queryParam("mode", "VALIDATION_PREVIEW").body(patchBody(4))
                .patch("/amazon/listings/2021-08-01/items/{seller}/{sku}", SELLER, "SKU-6")
                .then().statusCode(200).body("status", equalTo("VALID"));
        Sim.listings("amazon", "SKU-6").then().body("listings.size()", equalTo(0));
    }

    private Response search(String token, Map<String, String> query) {
        return given().header("x-amz-access-token", token).queryParam("marketplaceIds", MARKETPLACE).queryParams(query)
                .get("/amazon/listings/2021-08-01/items/{seller}", SELLER);
    }

    private void assertSearchConforms(String token, Map<String, String> query, Response response) {
        Map<String, String> sent = new HashMap<>(query);
        sent.put("marketplaceIds", MARKETPLACE);
        assertConforms(AMAZON, Method.GET, "/amazon/listings/2021-08-01/items/" + SELLER, sent, Map.of("x-amz-access-token", token),
                null, response);
    }

    @Test
    void aSearchReadsTheSkusAskedInTheirOrderLeavingOutTheOnesNotListed() {
        String token = Sim.amazonToken();
        Sim.seed("amazon", SELLER, "SKU-A", 1);
        Sim.seed("amazon", SELLER, "SKU-B", 2);
        Sim.seed("amazon", SELLER, "SKU-C", 3);
        Sim.seed("amazon", "A9OTHERSELLER", "SKU-D", 4);
        Map<String, String> query = Map.of("identifiersType", "SKU", "identifiers", "SKU-C,NOPE,SKU-A,SKU-D,SKU-B",
                "includedData", "fulfillmentAvailability,issues", "pageSize", "20");
        Response found = search(token, query);
        found.then().statusCode(200)
                .header("x-amzn-RateLimit-Limit", equalTo("5.0")).header("x-amzn-RequestId", notNullValue())
                .body("numberOfResults", equalTo(3))
                .body("items.sku", contains("SKU-C", "SKU-A", "SKU-B"))
                .body("items.collect { it.fulfillmentAvailability[0].quantity }", contains(3, 1, 2))
                .body("items[0].fulfillmentAvailability[0].fulfillmentChannelCode", equalTo("DEFAULT"))
                .body("items.issues", everyItem(empty()))
                .body("items[0].summaries", nullValue())
                .body("pagination", nullValue());
        assertSearchConforms(token, query, found);

        // nothing found is an empty result, not a 404
        search(token, Map.of("identifiersType", "SKU", "identifiers", "NOPE")).then().statusCode(200)
                .body("numberOfResults", equalTo(0)).body("items.size()", equalTo(0));
        Sim.stats().then().body("calls.amazon.searchListingsItems", equalTo(2));
    }

    @Test
    void aSearchPagesByPageSizeWithAnOpaqueNextToken() {
        String token = Sim.amazonToken();
        for (String sku : List.of("SKU-P1", "SKU-P2", "SKU-P3")) {
            Sim.seed("amazon", SELLER, sku, 5);
        }
        Map<String, String> query = Map.of("identifiersType", "SKU", "identifiers", "SKU-P3,SKU-P1,SKU-P2", "pageSize", "2",
                "includedData", "summaries,fulfillmentAvailability");
        Response first = search(token, query);
        first.then().statusCode(200).body("numberOfResults", equalTo(3)).body("items.sku", contains("SKU-P3", "SKU-P1"))
                .body("items[0].summaries[0].marketplaceId", equalTo(MARKETPLACE))
                .body("pagination.nextToken", notNullValue()).body("pagination.previousToken", nullValue());
        assertSearchConforms(token, query, first);

        Map<String, String> next = new HashMap<>(query);
        next.put("pageToken", first.path("pagination.nextToken"));
        Response second = search(token, next);
        second.then().statusCode(200).body("numberOfResults", equalTo(3)).body("items.sku", contains("SKU-P2"))
                .body("pagination.nextToken", nullValue()).body("pagination.previousToken", notNullValue());
        assertSearchConforms(token, next, second);

        Map<String, String> back = new HashMap<>(query);
        back.put("pageToken", second.path("pagination.previousToken"));
        search(token, back).then().statusCode(200).body("items.sku", contains("SKU-P3", "SKU-P1"));
    }

    @Test
    void withoutIdentifiersASearchListsTheSellersListingsBySku() {
        String token = Sim.amazonToken();
        for (String sku : List.of("SKU-L3", "SKU-L1", "SKU-L2")) {
            Sim.seed("amazon", SELLER, sku, 1);
        }
        Sim.seed("amazon", "A9OTHERSELLER", "SKU-L0", 1);
        Response first = search(token, Map.of("pageSize", "2"));
        first.then().statusCode(200).body("numberOfResults", equalTo(3)).body("items.sku", contains("SKU-L1", "SKU-L2"))
                .body("items[0].summaries", hasSize(1));
        assertSearchConforms(token, Map.of("pageSize", "2"), first);
        search(token, Map.of("pageSize", "2", "pageToken", first.path("pagination.nextToken"))).then().statusCode(200)
                .body("items.sku", contains("SKU-L3")).body("pagination.nextToken", nullValue());
        // the default page holds 10
        search(token, Map.of()).then().statusCode(200).body("items.size()", equalTo(3));
    }

    @Test
    void aSearchThatBreaksTheRulesOfTheParametersIsABadRequestInTheSpecsErrorShape() {
        String token = Sim.amazonToken();
        String twentyOne = IntStream.rangeClosed(1, 21).mapToObj(i -> "SKU-" + i).collect(Collectors.joining(","));
        Map<Map<String, String>, String> refusals = new LinkedHashMap<>();
        refusals.put(Map.of("identifiersType", "SKU", "identifiers", twentyOne), "identifiers");
        refusals.put(Map.of("identifiers", "SKU-1,SKU-2"), "identifiersType");
        refusals.put(Map.of("identifiersType", "SKU"), "identifiers");
        refusals.put(Map.of("identifiersType", "ASIN", "identifiers", "B000000001"), "SKU only");
        refusals.put(Map.of("pageSize", "21"), "pageSize");
        refusals.put(Map.of("pageSize", "0"), "pageSize");
        refusals.put(Map.of("includedData", "everything"), "includedData");
        refusals.put(Map.of("pageToken", "not-a-token-we-gave"), "pageToken");
        refusals.forEach((query, named) -> {
            Response refused = search(token, query);
            refused.then().statusCode(400).header("x-amzn-RequestId", notNullValue())
                    .body("errors[0].code", equalTo("InvalidInput")).body("errors[0].message", containsString(named));
            SimpleSpecCheck.responseOnly(AMAZON, Method.GET, "/amazon/listings/2021-08-01/items/" + SELLER, query, refused);
        });
        given().header("x-amz-access-token", token).queryParam("identifiersType", "SKU").queryParam("identifiers", "SKU-1")
                .get("/amazon/listings/2021-08-01/items/{seller}", SELLER)
                .then().statusCode(400).body("errors[0].code", equalTo("InvalidInput"))
                .body("errors[0].message", containsString("marketplaceIds"));
    }

    @Test
    void aPatchAppliedAfterTheDelayIsVisibleThroughASearchToo() {
        String token = Sim.amazonToken();
        Sim.seed("amazon", SELLER, "SKU-SEEN", 4);
        Sim.seed("amazon", SELLER, "SKU-STILL", 6);
        patch(token, "SKU-SEEN", patchBody(17)).then().statusCode(200).body("status", equalTo("ACCEPTED"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Sim.quantity("amazon", "SKU-SEEN")).isEqualTo(17));
        search(token, Map.of("identifiersType", "SKU", "identifiers", "SKU-SEEN,SKU-STILL", "includedData", "fulfillmentAvailability"))
                .then().statusCode(200).body("items.sku", contains("SKU-SEEN", "SKU-STILL"))
                .body("items.collect { it.fulfillmentAvailability[0].quantity }", contains(17, 6));
        // the same item the get gives
        search(token, Map.of("identifiersType", "SKU", "identifiers", "SKU-SEEN", "includedData", "summaries,attributes,issues"))
                .then().statusCode(200).body("items[0]", equalTo(read(token, "SKU-SEEN", "summaries,attributes,issues")
                        .then().statusCode(200).extract().jsonPath().get("$")));
    }

    @Test
    void searchesHaveAUsagePlanOfTheirOwnAndBeyondItAreAnswered429() throws Exception {
        String token = Sim.amazonToken();
        Sim.seed("amazon", SELLER, "SKU-S", 2);
        Map<String, String> query = Map.of("identifiersType", "SKU", "identifiers", "SKU-S", "includedData", "fulfillmentAvailability");
        long started = System.nanoTime();
        List<Response> responses = new ArrayList<>();
        for (int round = 0; round < 5 && responses.stream().noneMatch(r -> r.statusCode() == 429); round++) {
            responses.addAll(burst(() -> search(token, query), 30));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Response> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
        long served = responses.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(served + refused.size()).isEqualTo(responses.size());
        // burst 5 (not getListingsItem's 10), plus what 5 a second refilled while the calls were answered
        assertThat(served).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo(5 + (long) Math.ceil(5 * seconds));
        assertThat(refused).isNotEmpty();
        refused.get(0).then().header("x-amzn-RateLimit-Limit", equalTo("5.0")).body("errors[0].code", equalTo("QuotaExceeded"));
        assertSearchConforms(token, query, refused.get(0));
        Sim.stats().then().body("throttled.amazon", equalTo(refused.size()))
                .body("calls.amazon.searchListingsItems", equalTo(responses.size()));

        // getListingsItem's bucket is its own: the searches did not drain it
        read(token, "SKU-S", "fulfillmentAvailability").then().statusCode(200);
    }

    /** Sends {@code calls} copies of one call at once from 10 threads. */
    private List<Response> burst(Callable<Response> call, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(pool.submit(call));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBurstBeyondTheUsagePlanIsAnswered429WithTheDocumentedSignals() throws Exception {
        String token = Sim.amazonToken();
        long started = System.nanoTime();
        List<Response> responses = new ArrayList<>();
        // bursts of 30 until the limit shows (the first one does unless the machine stalls for seconds)
        for (int round = 0; round < 5 && responses.stream().noneMatch(r -> r.statusCode() == 429); round++) {
            responses.addAll(burst(() -> patch(token, "SKU-BURST", patchBody(5)), 30));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Response> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
        long accepted = responses.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(accepted + refused.size()).isEqualTo(responses.size());
        // the burst of 5, plus what 5 a second refilled while the calls were answered
        assertThat(accepted).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo(5 + (long) Math.ceil(5 * seconds));
        assertThat(refused).isNotEmpty();
        Response throttled = refused.get(0);
        throttled.then().header("x-amzn-RateLimit-Limit", equalTo("5.0")).body("errors[0].code", equalTo("QuotaExceeded"));
        assertPatchConforms(token, "SKU-BURST", patchBody(5), throttled);
        Sim.stats().then().body("throttled.amazon", equalTo(refused.size()))
                .body("rateLimitViolations.amazon", equalTo(refused.size()))
                .body("calls.amazon.patchListingsItem", equalTo(responses.size()));
    }

    @Test
    void withLimitsNotEnforcedCallsOverTheLimitAreServedAndStillCountedAsViolations() throws Exception {
        given().contentType("application/json").body(Map.of("enforceRateLimits", false)).put("/_sim/settings").then().statusCode(200);
        String token = Sim.amazonToken();
        Integer violations = null;
        for (int round = 0; round < 5 && violations == null; round++) {
            assertThat(burst(() -> patch(token, "SKU-FREE", patchBody(5)), 30)).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
            violations = Sim.stats().then().extract().path("rateLimitViolations.amazon");
        }
        assertThat(violations).isNotNull().isPositive();
        Sim.stats().then().body("throttled.amazon", nullValue());
    }
}
