package io.stockline.channel.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.stockline.channel.connector.MarketplaceStub.await;
import static io.stockline.channel.connector.MarketplaceStub.body;
import static io.stockline.channel.connector.MarketplaceStub.failureOf;
import static io.stockline.channel.connector.MarketplaceStub.updates;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.MarketplaceContracts.Marketplace;
import io.stockline.channel.dispatch.ChannelDispatcher;
import io.stockline.channel.domain.ChannelType;
import io.stockline.testsupport.StocklineTestResource;

/**
 * The eBay connector through the dispatcher against a WireMock Sell Inventory API and OAuth token endpoint;
 * every Inventory API request is checked against eBay's own OpenAPI file.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
class EbayConnectorTest {

    private static final String TOKEN_PATH = "/identity/v1/oauth2/token";
    private static final String BULK_UPDATE = "/sell/inventory/v1/bulk_update_price_quantity";
    private static final String BULK_GET = "/sell/inventory/v1/bulk_get_inventory_item";
    private static final String OFFERS = "/sell/inventory/v1/offer";

    private static WireMockServer ebay;

    @Inject
    ChannelDispatcher dispatcher;

    @BeforeAll
    static void startEbay() {
        ebay = MarketplaceStub.start();
    }

    @AfterAll
    static void stopEbay() {
        ebay.stop();
    }

    @BeforeEach
    void stubOAuth() {
        ebay.resetAll();
        ebay.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"v^1.1#first\",\"expires_in\":7200,\"token_type\":\"User Access Token\"}"))
                .willSetStateTo("second"));
        ebay.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"v^1.1#second\",\"expires_in\":7200,\"token_type\":\"User Access Token\"}")));
    }

    @AfterEach
    void everyRequestMatchesOurContractAndEbaysSpec() {
        List<LoggedRequest> requests = ebay.findAll(anyRequestedFor(urlPathMatching("/.*")));
        if (!requests.isEmpty()) {
            MarketplaceSpecs.assertAllValid(Marketplace.EBAY, requests, request -> request.getUrl().startsWith("/sell/inventory/"));
        }
    }

    private static ChannelAccess channel(Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(Map.of("tokenEndpoint", ebay.baseUrl() + TOKEN_PATH));
        options.putAll(extraOptions);
        return MarketplaceStub.channel(ChannelType.EBAY, ebay,
                Map.of("clientId", "Stockline-app-PRD", "clientSecret", "PRD-secret", "refreshToken", "v^1.1#refresh"), options);
    }

    private static String answers(List<ListingUpdate> updates) {
        return updates.stream().map(update -> "{\"sku\":\"" + update.listingId() + "\",\"statusCode\":200}")
                .collect(Collectors.joining(",", "{\"responses\":[", "]}"));
    }

    private List<LoggedRequest> bulkUpdates() {
        return ebay.findAll(postRequestedFor(urlEqualTo(BULK_UPDATE)));
    }

    @Test
    void sixtyUpdatesGoInThreeCallsOf25_25_10WithTheBearerToken() {
        List<ListingUpdate> updates = updates(60, i -> "EB-" + i);
        for (int from = 0; from < 60; from += 25) {
            List<ListingUpdate> batch = updates.subList(from, Math.min(60, from + 25));
            ebay.stubFor(post(urlEqualTo(BULK_UPDATE))
                    .withRequestBody(matchingJsonPath("$.requests[0].sku", equalTo(batch.get(0).listingId())))
                    .willReturn(okJson(answers(batch))));
        }

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), updates));

        assertThat(outcomes).extracting(ListingOutcome::sku).containsExactlyElementsOf(updates.stream().map(ListingUpdate::sku).toList());
        assertThat(outcomes).allMatch(outcome -> outcome.status() == ListingOutcome.Status.APPLIED);
        List<LoggedRequest> calls = bulkUpdates();
        assertThat(calls).extracting(call -> body(call).get("requests").size()).containsExactly(25, 25, 10);
        assertThat(calls).allMatch(call -> "Bearer v^1.1#first".equals(call.getHeader("Authorization")));
        assertThat(body(calls.get(1)).get("requests").get(0).toString())
                .isEqualTo("{\"sku\":\"EB-25\",\"shipToLocationAvailability\":{\"quantity\":25}}");
        List<LoggedRequest> tokenCalls = ebay.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(tokenCalls).hasSize(1);
        assertThat(tokenCalls.get(0).getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("Stockline-app-PRD:PRD-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(tokenCalls.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = Arrays.stream(tokenCalls.get(0).getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        assertThat(form).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "refresh_token", "refresh_token", "v^1.1#refresh",
                "scope", "https://api.ebay.com/oauth/api_scope/sell.inventory"));
    }

    @Test
    void concurrentPushesOnOneChannelShareOneTokenRefresh() {
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).willReturn(okJson("{\"responses\":[{\"sku\":\"EB-0\",\"statusCode\":200}]}")));
        ChannelAccess channel = channel(Map.of("rateBurst", "20", "ratePerSecond", "20"));

        List<io.smallrye.mutiny.Uni<List<ListingOutcome>>> pushes = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pushes.add(dispatcher.push(channel, updates(1, n -> "EB-" + n)).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultExecutor()));
        }
        List<List<ListingOutcome>> all = await(io.smallrye.mutiny.Uni.join().all(pushes).andFailFast());

        assertThat(all).hasSize(12).allMatch(outcomes -> outcomes.get(0).status() == ListingOutcome.Status.APPLIED);
        assertThat(bulkUpdates()).hasSize(12);
        assertThat(ebay.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(1);
    }

    @Test
    void aTokenIsUsedUntilItExpiresThenRefreshed() {
        ebay.resetAll();
        ebay.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\"v^1.1#short\",\"expires_in\":0}")));
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).willReturn(okJson("{\"responses\":[{\"sku\":\"EB-0\",\"statusCode\":200}]}")));
        ChannelAccess channel = channel(Map.of());

        await(dispatcher.push(channel, updates(1, i -> "EB-" + i)));
        await(dispatcher.push(channel, updates(1, i -> "EB-" + i)));

        assertThat(bulkUpdates()).hasSize(2).allMatch(call -> "Bearer v^1.1#short".equals(call.getHeader("Authorization")));
        // one token per call made (the first push also asked getOffers): an expired token is never reused
        assertThat(ebay.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).as("an expired token is not reused")
                .hasSize(bulkUpdates().size() + offerReads("EB-0").size());
        assertThat(offerReads("EB-0")).hasSize(1);
    }

    @Test
    void eachSkusOwnStatusCodeDecidesItsOutcome() {
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).willReturn(aResponse().withStatus(207).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"responses":[{"sku":"OK-1","statusCode":200},
                          {"sku":"BAD-2","statusCode":400,"errors":[{"errorId":25702,"domain":"API_INVENTORY","category":"REQUEST","message":"The SKU BAD-2 is not available in the system."}]}]}
                        """)));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), List.of(
                new ListingUpdate("OK-1", "OK-1", 3, null, "k1"), new ListingUpdate("BAD-2", "BAD-2", 4, null, "k2"),
                new ListingUpdate("SILENT-3", "SILENT-3", 5, null, "k3"))));

        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED,
                ListingOutcome.Status.REJECTED, ListingOutcome.Status.CONFLICT);
        assertThat(outcomes.get(1).detail()).contains("25702");
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallSentAgain() {
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).inScenario("expired").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"errorId\":1001,\"domain\":\"OAuth\",\"category\":\"REQUEST\",\"message\":\"Invalid access token\"}]}"))
                .willSetStateTo("fresh"));
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).inScenario("expired").whenScenarioStateIs("fresh")
                .willReturn(okJson("{\"responses\":[{\"sku\":\"EB-0\",\"statusCode\":200}]}")));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), updates(1, i -> "EB-" + i)));

        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(bulkUpdates()).extracting(call -> call.getHeader("Authorization"))
                .containsExactly("Bearer v^1.1#first", "Bearer v^1.1#second");
    }

    @Test
    void aRefusedRefreshTokenIsAnAuthenticationFailure() {
        ebay.resetAll();
        ebay.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"the provided authorization refresh token is invalid\"}")));

        Throwable failure = failureOf(dispatcher.push(channel(Map.of()), updates(1, i -> "EB-" + i)));

        assertThat(failure).isInstanceOf(MarketplaceException.AuthenticationFailure.class);
        assertThat(failure.getMessage()).doesNotContain("refresh\"").doesNotContain("PRD-secret");
        assertThat(bulkUpdates()).isEmpty();
    }

    @Test
    void http429WaitsAsToldThenSucceeds() {
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"responses\":[{\"sku\":\"EB-0\",\"statusCode\":200}]}")));
        ChannelAccess channel = channel(Map.of());

        long started = System.nanoTime();
        List<ListingOutcome> outcomes = await(dispatcher.push(channel, updates(1, i -> "EB-" + i)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(dispatcher.health(channel.channelId()).rateLimitResponses()).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedThenSucceedsAndOneThatStaysIsGivenUpOn() {
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).inScenario("5xx").whenScenarioStateIs("up")
                .willReturn(okJson("{\"responses\":[{\"sku\":\"EB-0\",\"statusCode\":200}]}")));

        assertThat(await(dispatcher.push(channel(Map.of()), updates(1, i -> "EB-" + i))))
                .extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(bulkUpdates()).hasSize(2);

        ebay.resetRequests();
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).willReturn(aResponse().withStatus(503)));
        assertThat(failureOf(dispatcher.push(channel(Map.of("retryMaxAttempts", "4")), updates(1, i -> "EB-" + i))))
                .isInstanceOf(MarketplaceException.TransientFailure.class);
        assertThat(bulkUpdates()).hasSize(4);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailures() {
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).willReturn(aResponse().withStatus(502)));
        ChannelAccess channel = channel(Map.of("retryMaxAttempts", "2", "circuitRequestVolume", "4", "circuitFailureRatio", "0.75"));

        assertThat(failureOf(dispatcher.push(channel, updates(1, i -> "EB-" + i)))).isInstanceOf(MarketplaceException.TransientFailure.class);
        assertThat(failureOf(dispatcher.push(channel, updates(1, i -> "EB-" + i)))).isInstanceOf(MarketplaceException.TransientFailure.class);
        assertThat(failureOf(dispatcher.push(channel, updates(1, i -> "EB-" + i)))).isInstanceOf(MarketplaceException.CircuitOpen.class);

        assertThat(bulkUpdates()).hasSize(4);
        assertThat(dispatcher.health(channel.channelId()).circuitState()).isEqualTo("OPEN");
    }

    @Test
    void readsShipToHomeQuantitiesBackTwentyFiveSkusAtATime() {
        ebay.stubFor(post(urlEqualTo(BULK_GET)).willReturn(okJson("""
                {"responses":[{"sku":"EB-0","statusCode":200,"inventoryItem":{"sku":"EB-0","availability":{"shipToLocationAvailability":{"quantity":9}}}},
                  {"sku":"EB-1","statusCode":404,"errors":[{"errorId":25710,"message":"not found"}]}]}
                """)));
        List<String> skus = updates(30, i -> "EB-" + i).stream().map(ListingUpdate::listingId).toList();

        Map<String, Long> held = await(dispatcher.read(channel(Map.of()), skus));

        assertThat(held).containsExactly(Map.entry("EB-0", 9L));
        List<LoggedRequest> reads = ebay.findAll(postRequestedFor(urlEqualTo(BULK_GET)));
        assertThat(reads).extracting(read -> body(read).get("requests").size()).containsExactly(25, 5);
        assertThat(body(reads.get(0)).get("requests").get(0).toString()).isEqualTo("{\"sku\":\"EB-0\"}");
    }

    private static void stubOffers(String sku, String offersJson) {
        ebay.stubFor(get(urlPathEqualTo(OFFERS)).withQueryParam("sku", equalTo(sku))
                .willReturn(okJson("{\"href\":\"/sell/inventory/v1/offer?sku=" + sku + "\",\"limit\":100,\"offset\":0,\"offers\":"
                        + offersJson + ",\"size\":1,\"total\":1}")));
    }

    private List<LoggedRequest> offerReads(String sku) {
        return ebay.findAll(getRequestedFor(urlPathEqualTo(OFFERS)).withQueryParam("sku", equalTo(sku)));
    }

    @Test
    void eachSkusPublishedFixedPriceOffersAreSetBesideTheItemAndTheirIdsAreAskedOnce() {
        stubOffers("OF-1", """
                [{"offerId":"9001","sku":"OF-1","marketplaceId":"EBAY_US","format":"FIXED_PRICE","availableQuantity":2,"status":"PUBLISHED"},
                 {"offerId":"9002","sku":"OF-1","marketplaceId":"EBAY_US","format":"AUCTION","availableQuantity":1,"status":"PUBLISHED"}]""");
        stubOffers("OF-2", """
                [{"offerId":"9101","sku":"OF-2","marketplaceId":"EBAY_US","format":"FIXED_PRICE","availableQuantity":0,"status":"UNPUBLISHED"}]""");
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).willReturn(okJson("""
                {"responses":[{"sku":"OF-1","offerId":"9001","statusCode":200},{"sku":"OF-2","statusCode":200}]}""")));
        ChannelAccess channel = channel(Map.of());
        List<ListingUpdate> updates = List.of(new ListingUpdate("S-1", "OF-1", 7, null, "k1"), new ListingUpdate("S-2", "OF-2", 3, null, "k2"));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel, updates));
        await(dispatcher.push(channel, updates));

        assertThat(outcomes).extracting(ListingOutcome::status).containsOnly(ListingOutcome.Status.APPLIED);
        assertThat(outcomes.get(0).detail()).isNull();
        // an unpublished offer is not updated by bulkUpdatePriceQuantity: the item alone is set, and the outcome says so
        assertThat(outcomes.get(1).detail()).contains("no eBay offer");
        List<LoggedRequest> calls = bulkUpdates();
        assertThat(calls).hasSize(2);
        assertThat(body(calls.get(0)).get("requests").get(0).toString()).isEqualTo(
                "{\"sku\":\"OF-1\",\"shipToLocationAvailability\":{\"quantity\":7},\"offers\":[{\"offerId\":\"9001\",\"availableQuantity\":7}]}");
        assertThat(body(calls.get(0)).get("requests").get(1).toString()).isEqualTo(
                "{\"sku\":\"OF-2\",\"shipToLocationAvailability\":{\"quantity\":3}}");
        assertThat(offerReads("OF-1")).as("offer ids are cached per channel and SKU").hasSize(1);
        assertThat(offerReads("OF-1").get(0).getHeader("Authorization")).isEqualTo("Bearer v^1.1#first");
    }

    @Test
    void aSkuWithoutAnyOfferIsPushedAsTheItemAloneAndSaysSo() {
        ebay.stubFor(get(urlPathEqualTo(OFFERS)).withQueryParam("sku", equalTo("OF-NONE")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"errorId\":25713,\"domain\":\"API_INVENTORY\",\"category\":\"REQUEST\",\"message\":\"This Offer is not available.\"}]}")));
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).willReturn(okJson("{\"responses\":[{\"sku\":\"OF-NONE\",\"statusCode\":200}]}")));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), List.of(new ListingUpdate("S", "OF-NONE", 4, null, "k"))));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(ListingOutcome.Status.APPLIED);
            assertThat(outcome.detail()).contains("no eBay offer");
        });
        assertThat(body(bulkUpdates().get(0)).get("requests").get(0).has("offers")).isFalse();
    }

    @Test
    void everyAnswerForASkuMustBe200AndARefusedOfferIsAskedForAgain() {
        stubOffers("OF-3", "[{\"offerId\":\"9301\",\"sku\":\"OF-3\",\"format\":\"FIXED_PRICE\",\"status\":\"PUBLISHED\"},"
                + "{\"offerId\":\"9302\",\"sku\":\"OF-3\",\"format\":\"FIXED_PRICE\",\"status\":\"PUBLISHED\"}]");
        stubOffers("OF-4", "[{\"offerId\":\"9401\",\"sku\":\"OF-4\",\"format\":\"FIXED_PRICE\",\"status\":\"PUBLISHED\"}]");
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).willReturn(aResponse().withStatus(207).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"responses":[{"sku":"OF-3","offerId":"9301","statusCode":200},
                          {"sku":"OF-3","offerId":"9302","statusCode":400,"errors":[{"errorId":25709,"domain":"API_INVENTORY","category":"REQUEST","message":"Invalid value for offerId."}]},
                          {"sku":"OF-4","offerId":"9401","statusCode":400,"errors":[{"errorId":25002,"domain":"API_INVENTORY","category":"REQUEST","message":"Any User error. This listing has been revised 250 times today."}]}]}
                        """)));
        ChannelAccess channel = channel(Map.of());
        List<ListingUpdate> updates = List.of(new ListingUpdate("S-3", "OF-3", 5, null, "k3"), new ListingUpdate("S-4", "OF-4", 6, null, "k4"));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel, updates));
        await(dispatcher.push(channel, updates));

        // one offer took the number and one did not: not refused for good, read back and sent again
        assertThat(outcomes.get(0).status()).isEqualTo(ListingOutcome.Status.CONFLICT);
        assertThat(outcomes.get(0).detail()).contains("offer 9302 400 25709");
        assertThat(outcomes.get(1).status()).isEqualTo(ListingOutcome.Status.REJECTED);
        assertThat(outcomes.get(1).detail()).contains("25002");
        assertThat(offerReads("OF-3")).as("a refused offer's ids are read again").hasSize(2);
    }

    @Test
    void getOffersThrottledWithErrorId2001WaitsAsToldThenTheUpdateGoesOut() {
        ebay.stubFor(get(urlPathEqualTo(OFFERS)).inScenario("offers-429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"errorId\":2001,\"domain\":\"ACCESS\",\"category\":\"REQUEST\",\"message\":\"Too many requests. The request limit has been reached for the resource.\"}]}"))
                .willSetStateTo("ok"));
        ebay.stubFor(get(urlPathEqualTo(OFFERS)).inScenario("offers-429").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"offers\":[{\"offerId\":\"9501\",\"sku\":\"OF-5\",\"format\":\"FIXED_PRICE\",\"status\":\"PUBLISHED\"}],\"total\":1}")));
        ebay.stubFor(post(urlEqualTo(BULK_UPDATE)).willReturn(okJson("{\"responses\":[{\"sku\":\"OF-5\",\"offerId\":\"9501\",\"statusCode\":200}]}")));
        ChannelAccess channel = channel(Map.of());

        List<ListingOutcome> outcomes = await(dispatcher.push(channel, List.of(new ListingUpdate("S-5", "OF-5", 8, null, "k5"))));

        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(bulkUpdates()).hasSize(1);
        assertThat(body(bulkUpdates().get(0)).get("requests").get(0).get("offers").get(0).get("availableQuantity").asInt()).isEqualTo(8);
        assertThat(dispatcher.health(channel.channelId()).rateLimitResponses()).isEqualTo(1);
    }

    @Test
    void readBackComparesTheItemWithItsOffersAndAnyDifferenceIsADrift() {
        ebay.stubFor(post(urlEqualTo(BULK_GET)).willReturn(okJson("""
                {"responses":[{"sku":"RB-1","statusCode":200,"inventoryItem":{"sku":"RB-1","availability":{"shipToLocationAvailability":{"quantity":9}}}},
                  {"sku":"RB-2","statusCode":200,"inventoryItem":{"sku":"RB-2","availability":{"shipToLocationAvailability":{"quantity":9}}}},
                  {"sku":"RB-3","statusCode":200,"inventoryItem":{"sku":"RB-3","availability":{"shipToLocationAvailability":{"quantity":4}}}}]}
                """)));
        stubOffers("RB-1", "[{\"offerId\":\"1\",\"sku\":\"RB-1\",\"availableQuantity\":9}]");
        stubOffers("RB-2", "[{\"offerId\":\"2\",\"sku\":\"RB-2\",\"availableQuantity\":5}]");

        Map<String, Long> held = await(dispatcher.read(channel(Map.of()), List.of("RB-1", "RB-2", "RB-3")));

        assertThat(held).containsEntry("RB-1", 9L).containsEntry("RB-3", 4L);
        assertThat(held).as("item 9 but offer 5: drifted, quantity unknown").containsKey("RB-2");
        assertThat(held.get("RB-2")).isNull();
        assertThat(offerReads("RB-3")).hasSize(1);
    }
}
