package io.stockline.channel.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.stockline.channel.connector.MarketplaceStub.await;
import static io.stockline.channel.connector.MarketplaceStub.body;
import static io.stockline.channel.connector.MarketplaceStub.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.stockline.testsupport.MarketplaceContracts.Marketplace;
import io.stockline.channel.dispatch.ChannelDispatcher;
import io.stockline.channel.domain.ChannelType;
import io.stockline.testsupport.StocklineTestResource;

/**
 * The Amazon connector through the dispatcher against a WireMock SP-API and Login with Amazon; every request is
 * checked against our Amazon contract, and the Listings Items requests against Amazon's own Swagger file where it is in reach.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
class AmazonConnectorTest {

    private static final String MARKETPLACE = "ATVPDKIKX0DER";
    private static final String TOKEN_PATH = "/auth/o2/token";

    /** A seller of each test's own: Amazon's buckets are the seller's, so one test's calls never pace another's. */
    private final String seller = "A2" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 11).toUpperCase();
    private final String items = "/listings/2021-08-01/items/" + seller + "/";
    /** searchListingsItems: the seller's listings, found by identifiers. */
    private final String search = "/listings/2021-08-01/items/" + seller;

    private static WireMockServer amazon;

    @Inject
    ChannelDispatcher dispatcher;

    @BeforeAll
    static void startAmazon() {
        amazon = MarketplaceStub.start();
    }

    @AfterAll
    static void stopAmazon() {
        amazon.stop();
    }

    @BeforeEach
    void stubLoginWithAmazon() {
        amazon.resetAll();
        amazon.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"Atza|first\",\"token_type\":\"bearer\",\"expires_in\":3600,\"refresh_token\":\"Atzr|r\"}"))
                .willSetStateTo("second"));
        amazon.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"Atza|second\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
    }

    @AfterEach
    void everyRequestMatchesOurContractAndAmazonsSpec() {
        List<LoggedRequest> requests = amazon.findAll(anyRequestedFor(urlPathMatching("/.*")));
        if (!requests.isEmpty()) {
            MarketplaceSpecs.assertAllValid(Marketplace.AMAZON, requests, request -> request.getUrl().startsWith("/listings/"));
        }
    }

    private ChannelAccess channel(Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(Map.of("sellerId", seller, "marketplaceIds", MARKETPLACE,
                "productType", "SHIRT", "tokenEndpoint", amazon.baseUrl() + TOKEN_PATH));
        options.putAll(extraOptions);
        return MarketplaceStub.channel(ChannelType.AMAZON, amazon,
                Map.of("lwaClientId", "amzn1.application-oa2-client.test", "lwaClientSecret", "lwa-secret", "refreshToken", "Atzr|refresh"),
                options);
    }

    private static String accepted(String sku) {
        return "{\"sku\":\"" + sku + "\",\"status\":\"ACCEPTED\",\"submissionId\":\"f1dc2914-75dd-11ea-bc55-0242ac130003\",\"issues\":[]}";
    }

    private List<LoggedRequest> patches() {
        return amazon.findAll(patchRequestedFor(urlPathMatching("/listings/.*")));
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    @Test
    void eachUpdateIsOnePatchOfFulfillmentAvailabilityInTheOrderGiven() throws Exception {
        amazon.stubFor(patch(urlPathMatching(items + ".*")).willReturn(okJson(accepted("any"))
                .withHeader("x-amzn-RateLimit-Limit", "5.0")));
        List<ListingUpdate> updates = List.of(
                new ListingUpdate("SKU-1", "SKU-1", 0, 3L, "k1"),
                new ListingUpdate("SKU 2", "SKU 2", 12, null, "k2"),
                new ListingUpdate("SKU-3", "SKU-3", 5, null, "k3"));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), updates));

        assertThat(outcomes).extracting(ListingOutcome::sku).containsExactly("SKU-1", "SKU 2", "SKU-3");
        assertThat(outcomes).as("200 ACCEPTED is queued, not applied")
                .allMatch(outcome -> outcome.status() == ListingOutcome.Status.ACCEPTED && outcome.marketplaceQuantity() == null);
        List<LoggedRequest> patches = patches();
        assertThat(patches).extracting(LoggedRequest::getUrl).containsExactly(
                items + "SKU-1?marketplaceIds=" + MARKETPLACE,
                items + "SKU%202?marketplaceIds=" + MARKETPLACE,
                items + "SKU-3?marketplaceIds=" + MARKETPLACE);
        LoggedRequest first = patches.get(0);
        assertThat(first.getHeader("x-amz-access-token")).isEqualTo("Atza|first");
        assertThat(first.getHeader("Content-Type")).startsWith("application/json");
        assertThat(body(first)).isEqualTo(MarketplaceStub.JSON.readTree("""
                {"productType":"SHIRT","patches":[{"op":"merge","path":"/attributes/fulfillment_availability",
                  "value":[{"fulfillment_channel_code":"DEFAULT","quantity":0}]}]}
                """));
        List<LoggedRequest> tokenCalls = amazon.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(tokenCalls).as("the token is cached across calls").hasSize(1);
        assertThat(tokenCalls.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(tokenCalls.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "refresh_token",
                "refresh_token", "Atzr|refresh", "client_id", "amzn1.application-oa2-client.test", "client_secret", "lwa-secret"));
    }

    @Test
    void aRefusedTokenIsRefreshedOnceAndTheCallSentAgain() {
        amazon.stubFor(patch(urlPathMatching(items + ".*")).inScenario("expired").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withBody("{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to requested resource is denied.\"}]}"))
                .willSetStateTo("fresh"));
        amazon.stubFor(patch(urlPathMatching(items + ".*")).inScenario("expired").whenScenarioStateIs("fresh")
                .willReturn(okJson(accepted("SKU-1"))));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), List.of(new ListingUpdate("SKU-1", "SKU-1", 4, null, "k"))));

        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.ACCEPTED);
        assertThat(patches()).extracting(request -> request.getHeader("x-amz-access-token")).containsExactly("Atza|first", "Atza|second");
        assertThat(amazon.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
    }

    @Test
    void neitherCredentialsNorTokensAreEverLogged() {
        amazon.stubFor(patch(urlPathMatching(items + ".*")).inScenario("expired").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403)).willSetStateTo("fresh"));
        amazon.stubFor(patch(urlPathMatching(items + ".*")).inScenario("expired").whenScenarioStateIs("fresh")
                .willReturn(aResponse().withStatus(503)));
        List<String> logged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                String message = record.getMessage();
                if (record.getParameters() != null && message != null && message.contains("%")) {
                    message = String.format(message, record.getParameters());
                }
                logged.add(message + " " + (record.getThrown() == null ? "" : record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(java.util.logging.Level.ALL);
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            assertThat(failureOf(dispatcher.push(channel(Map.of("retryMaxAttempts", "2")),
                    List.of(new ListingUpdate("SKU-1", "SKU-1", 4, null, "k"))))).isInstanceOf(MarketplaceException.TransientFailure.class);
        } finally {
            root.removeHandler(capture);
        }

        assertThat(logged).as("the dispatcher and connectors did log the retries").anyMatch(line -> line.contains("SKU") || line.contains("amazon"));
        assertThat(logged).noneMatch(line -> line.contains("Atza|") || line.contains("Atzr|") || line.contains("lwa-secret")
                || line.contains("amzn1.application-oa2-client.test"));
    }

    @Test
    void aTokenRefusedTwiceIsAnAuthenticationFailure() {
        amazon.stubFor(patch(urlPathMatching(items + ".*")).willReturn(aResponse().withStatus(403)));

        Throwable failure = failureOf(dispatcher.push(channel(Map.of()), List.of(new ListingUpdate("SKU-1", "SKU-1", 4, null, "k"))));

        assertThat(failure).isInstanceOf(MarketplaceException.AuthenticationFailure.class);
        assertThat(failure.getMessage()).doesNotContain("Atza").doesNotContain("lwa-secret");
        assertThat(patches()).hasSize(2);
    }

    @Test
    void http429PausesTheChannelThenSucceeds() {
        amazon.stubFor(patch(urlPathMatching(items + ".*")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota for the requested resource.\"}]}"))
                .willSetStateTo("ok"));
        amazon.stubFor(patch(urlPathMatching(items + ".*")).inScenario("429").whenScenarioStateIs("ok").willReturn(okJson(accepted("SKU-1"))));
        ChannelAccess channel = channel(Map.of());

        long started = System.nanoTime();
        List<ListingOutcome> outcomes = await(dispatcher.push(channel, List.of(new ListingUpdate("SKU-1", "SKU-1", 4, null, "k"))));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.ACCEPTED);
        assertThat(patches()).hasSize(2);
        assertThat(dispatcher.health(channel.channelId()).rateLimitResponses()).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedThenSucceedsAndOneThatStaysIsGivenUpOn() {
        amazon.stubFor(patch(urlPathMatching(items + "SKU-1")).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        amazon.stubFor(patch(urlPathMatching(items + "SKU-1")).inScenario("5xx").whenScenarioStateIs("up").willReturn(okJson(accepted("SKU-1"))));
        amazon.stubFor(patch(urlPathMatching(items + "SKU-DOWN")).willReturn(aResponse().withStatus(500)));
        ChannelAccess channel = channel(Map.of("retryMaxAttempts", "3"));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel, List.of(new ListingUpdate("SKU-1", "SKU-1", 4, null, "k"))));
        Throwable failure = failureOf(dispatcher.push(channel, List.of(new ListingUpdate("SKU-DOWN", "SKU-DOWN", 4, null, "k"))));

        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.ACCEPTED);
        assertThat(failure).isInstanceOf(MarketplaceException.TransientFailure.class);
        assertThat(amazon.findAll(patchRequestedFor(urlPathMatching(items + "SKU-1")))).hasSize(2);
        assertThat(amazon.findAll(patchRequestedFor(urlPathMatching(items + "SKU-DOWN")))).hasSize(3);
    }

    @Test
    void anInvalidSubmissionRejectsThatListingOnly() {
        amazon.stubFor(patch(urlPathMatching(items + "BAD")).willReturn(okJson("""
                {"sku":"BAD","status":"INVALID","submissionId":"s-1","issues":[{"code":"90220","message":"'fulfillment_availability' is required but not supplied.","severity":"ERROR"}]}
                """)));
        amazon.stubFor(patch(urlPathMatching(items + "GOOD")).willReturn(okJson(accepted("GOOD"))));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), List.of(
                new ListingUpdate("BAD", "BAD", 1, null, "k1"), new ListingUpdate("GOOD", "GOOD", 2, null, "k2"))));

        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.REJECTED, ListingOutcome.Status.ACCEPTED);
        assertThat(outcomes.get(0).detail()).contains("90220");
    }

    @Test
    void theRateLimitHeaderReplacesTheDocumentedRate() {
        amazon.stubFor(patch(urlPathMatching(items + ".*")).willReturn(okJson(accepted("SKU-1")).withHeader("x-amzn-RateLimit-Limit", "2.5")));
        ChannelAccess channel = channel(Map.of());

        await(dispatcher.push(channel, List.of(new ListingUpdate("SKU-1", "SKU-1", 4, null, "k"))));

        assertThat(dispatcher.health(channel.channelId()).ratePerSecond()).isEqualTo(2.5);
    }

    @Test
    void callsBeyondTheBurstOfFiveAreSpacedAtFivePerSecond() {
        amazon.stubFor(patch(urlPathMatching(items + ".*")).willReturn(okJson(accepted("any"))));
        List<ListingUpdate> updates = MarketplaceStub.updates(8, i -> "SKU-" + i);

        await(dispatcher.push(channel(Map.of()), updates));

        List<LoggedRequest> patches = patches();
        assertThat(patches).hasSize(8);
        // at most 5 + 5/s x T calls in any T: the seven calls from the second to the eighth span at least 400 ms
        // (measured from the second: the first also waited for the Login with Amazon token)
        long spanMillis = patches.get(7).getLoggedDate().getTime() - patches.get(1).getLoggedDate().getTime();
        assertThat(spanMillis).isGreaterThanOrEqualTo(350);
    }

    @Test
    void readsTheQuantityOfTheDefaultFulfillmentChannelBackForManySkusInOneSearch() {
        amazon.stubFor(get(urlPathEqualTo(search)).willReturn(okJson("""
                {"numberOfResults":1,"items":[
                  {"sku":"SKU-1","fulfillmentAvailability":[{"fulfillmentChannelCode":"AMAZON_NA","quantity":40},{"fulfillmentChannelCode":"DEFAULT","quantity":6}]}]}
                """)));

        Map<String, Long> held = await(dispatcher.read(channel(Map.of()), List.of("SKU-1", "GONE")));

        assertThat(held).as("a SKU Amazon does not know is absent, not zero").containsExactly(Map.entry("SKU-1", 6L));
        List<LoggedRequest> searches = amazon.findAll(getRequestedFor(urlPathEqualTo(search)));
        assertThat(searches).hasSize(1);
        assertThat(searches.get(0).getUrl()).isEqualTo(search + "?marketplaceIds=" + MARKETPLACE
                + "&identifiersType=SKU&identifiers=SKU-1%2CGONE&includedData=fulfillmentAvailability&pageSize=2");
        assertThat(amazon.findAll(getRequestedFor(urlPathMatching(items + ".*")))).as("no getListingsItem").isEmpty();
    }

    @Test
    void fortyFiveSkusAreReadInThreeSearchesOfAtMostTwentyAndASkuWithACommaOnItsOwn() {
        amazon.stubFor(get(urlPathEqualTo(search)).willReturn(okJson("{\"numberOfResults\":0,\"items\":[]}")));
        amazon.stubFor(get(urlPathEqualTo(items + "A%2CB")).willReturn(okJson("""
                {"sku":"A,B","fulfillmentAvailability":[{"fulfillmentChannelCode":"DEFAULT","quantity":3}]}
                """)));
        List<String> skus = new java.util.ArrayList<>();
        for (int i = 0; i < 45; i++) {
            skus.add("SKU-" + i);
        }
        skus.add("A,B"); // "identifiers" is comma-delimited: this one cannot travel in it

        Map<String, Long> held = await(dispatcher.read(channel(Map.of()), skus));

        assertThat(held).containsExactly(Map.entry("A,B", 3L));
        List<LoggedRequest> searches = amazon.findAll(getRequestedFor(urlPathEqualTo(search)));
        assertThat(searches).extracting(request -> request.queryParameter("identifiers").firstValue().split(",").length)
                .containsExactlyInAnyOrder(20, 20, 5);
        assertThat(searches).extracting(request -> request.queryParameter("pageSize").firstValue())
                .containsExactlyInAnyOrder("20", "20", "5");
        assertThat(searches).noneMatch(request -> request.queryParameter("identifiers").firstValue().contains("A"));
        assertThat(amazon.findAll(getRequestedFor(urlPathMatching(items + ".*")))).hasSize(1);
    }

    @Test
    void aSearchAnswerThatPagesIsFollowedToItsLastPage() {
        amazon.stubFor(get(urlPathEqualTo(search)).atPriority(2).willReturn(okJson("""
                {"numberOfResults":2,"pagination":{"nextToken":"page-2"},"items":[
                  {"sku":"SKU-1","fulfillmentAvailability":[{"fulfillmentChannelCode":"DEFAULT","quantity":1}]}]}
                """)));
        amazon.stubFor(get(urlPathEqualTo(search)).withQueryParam("pageToken", equalTo("page-2")).atPriority(1)
                .willReturn(okJson("""
                {"numberOfResults":2,"pagination":{"previousToken":"page-1"},"items":[
                  {"sku":"SKU-2","fulfillmentAvailability":[{"fulfillmentChannelCode":"DEFAULT","quantity":2}]}]}
                """)));

        Map<String, Long> held = await(dispatcher.read(channel(Map.of()), List.of("SKU-1", "SKU-2")));

        assertThat(held).containsOnly(Map.entry("SKU-1", 1L), Map.entry("SKU-2", 2L));
        assertThat(amazon.findAll(getRequestedFor(urlPathEqualTo(search)))).hasSize(2);
    }

    @Test
    void aThrottledSearchFailsTheReadAsThrottled() {
        amazon.stubFor(get(urlPathEqualTo(search)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota for the requested resource.\"}]}")));

        Throwable failure = failureOf(dispatcher.read(channel(Map.of("retryMaxAttempts", "1")),
                List.of("SKU-1")));

        assertThat(failure).isInstanceOf(MarketplaceException.Throttled.class);
    }

    @Test
    void aPatchMergesOnlyTheQuantitySoTheSellersHandlingTimeAndRestockDateAreKept() {
        amazon.stubFor(patch(urlPathMatching(items + ".*")).willReturn(okJson(accepted("SKU-1"))));

        await(dispatcher.push(channel(Map.of("fulfillmentChannelCode", "DEFAULT")), List.of(new ListingUpdate("SKU-1", "SKU-1", 9, null, "k"))));

        JsonNode patch = body(patches().get(0)).path("patches").get(0);
        // merge, matched by the selector fulfillment_channel_code: what is not sent stays as the seller set it
        assertThat(patch.path("op").asText()).isEqualTo("merge");
        assertThat(patch.path("path").asText()).isEqualTo("/attributes/fulfillment_availability");
        assertThat(patch.path("value")).hasSize(1);
        List<String> fields = new java.util.ArrayList<>();
        patch.path("value").get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("no lead_time_to_ship_max_days, restock_date or is_inventory_available to overwrite")
                .containsExactlyInAnyOrder("fulfillment_channel_code", "quantity");
        assertThat(patch.path("value").get(0).path("quantity").asLong()).isEqualTo(9);
    }

    @Test
    void twoChannelsOfOneSellerTogetherNeverPatchFasterThanTheSellersFivePerSecond() {
        amazon.stubFor(patch(urlPathMatching(items + ".*")).willReturn(okJson(accepted("any"))));
        ChannelAccess shop = channel(Map.of());
        ChannelAccess outlet = channel(Map.of());
        assertThat(shop.channelId()).isNotEqualTo(outlet.channelId());

        // both channels push at once, ten listings each
        Uni<List<ListingOutcome>> fromShop = dispatcher.push(shop, MarketplaceStub.updates(10, i -> "SHOP-" + i));
        Uni<List<ListingOutcome>> fromOutlet = dispatcher.push(outlet, MarketplaceStub.updates(10, i -> "OUTLET-" + i));
        List<List<ListingOutcome>> both = await(Uni.combine().all().unis(fromShop, fromOutlet).asTuple()
                .map(tuple -> List.of(tuple.getItem1(), tuple.getItem2())));

        assertThat(both).allSatisfy(outcomes -> assertThat(outcomes).hasSize(10));
        List<Long> sent = patches().stream().map(request -> request.getLoggedDate().getTime()).sorted().toList();
        assertThat(sent).hasSize(20);
        assertThat(patches()).anyMatch(request -> request.getUrl().contains("SHOP-"))
                .anyMatch(request -> request.getUrl().contains("OUTLET-"));
        // One bucket of 5, refilled at 5/s: the 6th to the 20th call span at least 14/5 s (two buckets of their own
        // would have sent all twenty within about a second), and no second holds more than the burst plus 5.
        assertThat(sent.get(19) - sent.get(5)).as("calls 6 to 20 at 5/s").isGreaterThanOrEqualTo(2_800 - 150);
        for (int i = 0; i + 10 < sent.size(); i++) {
            assertThat(sent.get(i + 10) - sent.get(i)).as("11 calls from call %d", i).isGreaterThanOrEqualTo(1_000 - 100);
        }
    }

    @Test
    void readsBackTheQuantityAndTheErrorsAmazonReportsAgainstFulfillmentAvailability() {
        amazon.stubFor(get(urlPathEqualTo(search)).willReturn(okJson("""
                {"numberOfResults":1,"items":[
                 {"sku":"SKU-1","fulfillmentAvailability":[{"fulfillmentChannelCode":"DEFAULT","quantity":6}],"issues":[
                  {"code":"18027","message":"Quantity refused.","severity":"ERROR","attributeNames":["fulfillment_availability"],"categories":["INVALID_ATTRIBUTE"]},
                  {"code":"18028","message":"Check your restock date.","severity":"WARNING","attributeNames":["fulfillment_availability"],"categories":[]},
                  {"code":"99022","message":"Image is missing.","severity":"ERROR","attributeNames":["main_product_image_locator"],"categories":["MISSING_IMAGE"]}]}]}
                """)));

        Map<String, HeldListing> held = await(dispatcher.readWithIssues(channel(Map.of()), List.of("SKU-1", "GONE")));

        assertThat(held).containsOnlyKeys("SKU-1");
        assertThat(held.get("SKU-1")).isEqualTo(new HeldListing(6L, List.of("18027 INVALID_ATTRIBUTE")));
        assertThat(amazon.findAll(getRequestedFor(urlPathEqualTo(search))).get(0).getUrl())
                .isEqualTo(search + "?marketplaceIds=" + MARKETPLACE
                        + "&identifiersType=SKU&identifiers=SKU-1%2CGONE&includedData=fulfillmentAvailability%2Cissues&pageSize=2");
    }
}
