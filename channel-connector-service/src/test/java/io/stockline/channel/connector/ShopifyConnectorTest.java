package io.stockline.channel.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.stockline.channel.connector.MarketplaceStub.await;
import static io.stockline.channel.connector.MarketplaceStub.body;
import static io.stockline.channel.connector.MarketplaceStub.failureOf;
import static io.stockline.channel.connector.MarketplaceStub.updates;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.MarketplaceContracts.Marketplace;
import io.stockline.channel.dispatch.ChannelDispatcher;
import io.stockline.channel.dispatch.ChannelHealth;
import io.stockline.channel.domain.ChannelType;
import io.stockline.testsupport.StocklineTestResource;

/** The Shopify connector through the dispatcher against a WireMock Shopify: the GraphQL call Shopify documents. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
class ShopifyConnectorTest {

    private static final String GRAPHQL = "/admin/api/2026-04/graphql.json";
    private static final String LOCATION = "gid://shopify/Location/124656943";
    private static final String TOKEN = "shpat_test_token";

    private static WireMockServer shopify;

    @Inject
    ChannelDispatcher dispatcher;

    @Inject
    MeterRegistry meters;

    @Inject
    io.vertx.core.Vertx vertx;

    @BeforeAll
    static void startShopify() {
        shopify = MarketplaceStub.start();
    }

    @AfterAll
    static void stopShopify() {
        shopify.stop();
    }

    @BeforeEach
    void reset() {
        shopify.resetAll();
    }

    @AfterEach
    void everyRequestMatchesOurContract() {
        List<LoggedRequest> requests = shopify.findAll(anyRequestedFor(urlPathMatching("/.*")));
        if (!requests.isEmpty()) {
            MarketplaceSpecs.assertAllValid(MarketplaceSpecs.contract(Marketplace.SHOPIFY), requests);
        }
    }

    private static ChannelAccess channel(Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(Map.of("locationId", LOCATION));
        options.putAll(extraOptions);
        return MarketplaceStub.channel(ChannelType.SHOPIFY, shopify, Map.of("accessToken", TOKEN), options);
    }

    private static String item(int i) {
        return "gid://shopify/InventoryItem/" + (1000 + i);
    }

    static String applied(double available) {
        return """
                {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":{"id":"gid://shopify/InventoryAdjustmentGroup/1"},"userErrors":[]}},
                 "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":%s,"restoreRate":100.0}}}}
                """.formatted(available);
    }

    private List<LoggedRequest> calls() {
        return shopify.findAll(postRequestedFor(urlEqualTo(GRAPHQL)));
    }

    @Test
    void sixHundredUpdatesGoInThreeCallsOf250_250_100AsShopifyDocumentsThem() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(okJson(applied(1990))));
        List<ListingUpdate> updates = updates(600, ShopifyConnectorTest::item);

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), updates));

        assertThat(outcomes).extracting(ListingOutcome::sku).containsExactlyElementsOf(updates.stream().map(ListingUpdate::sku).toList());
        assertThat(outcomes).allMatch(outcome -> outcome.status() == ListingOutcome.Status.APPLIED);
        List<LoggedRequest> calls = calls();
        assertThat(calls).hasSize(3);
        int[] sizes = { 250, 250, 100 };
        int first = 0;
        for (int call = 0; call < 3; call++) {
            LoggedRequest request = calls.get(call);
            assertThat(request.getHeader("X-Shopify-Access-Token")).isEqualTo(TOKEN);
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            JsonNode body = body(request);
            assertThat(body.get("query").asText())
                    .contains("mutation StocklineSetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!)")
                    .contains("inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey)")
                    .contains("userErrors { field message code }");
            JsonNode input = body.at("/variables/input");
            assertThat(input.get("name").asText()).isEqualTo("available");
            assertThat(input.get("reason").asText()).isEqualTo("correction");
            assertThat(input.get("quantities")).hasSize(sizes[call]);
            JsonNode quantity = input.get("quantities").get(0);
            assertThat(quantity.get("inventoryItemId").asText()).isEqualTo(item(first));
            assertThat(quantity.get("locationId").asText()).isEqualTo(LOCATION);
            assertThat(quantity.get("quantity").asLong()).isEqualTo(first);
            assertThat(quantity.has("changeFromQuantity")).as("changeFromQuantity must be sent, null to opt out").isTrue();
            assertThat(quantity.get("changeFromQuantity").isNull()).isTrue();
            assertThat(body.at("/variables/idempotencyKey").asText()).isNotBlank();
            first += sizes[call];
        }
        assertThat(calls).extracting(request -> body(request).at("/variables/idempotencyKey").asText()).doesNotHaveDuplicates();
    }

    @Test
    void theAnswerComesBackOnTheCallersVertxContextEvenAfterWaitingAndRetrying() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("ctx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("ctx").whenScenarioStateIs("up").willReturn(okJson(applied(1990))));
        io.vertx.core.Context caller = vertx.getOrCreateContext();
        java.util.concurrent.CompletableFuture<Boolean> sameContext = new java.util.concurrent.CompletableFuture<>();

        caller.runOnContext(ignored -> dispatcher.push(channel(Map.of()), updates(2, ShopifyConnectorTest::item)).subscribe().with(
                outcomes -> sameContext.complete(io.vertx.core.Vertx.currentContext() == caller),
                sameContext::completeExceptionally));

        assertThat(sameContext).succeedsWithin(MarketplaceStub.AWAIT).isEqualTo(true);
        assertThat(calls()).hasSize(2);
    }

    @Test
    void theSameUpdatesCarryTheSameIdempotencyKeySoARetriedCallIsRecognised() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(okJson(applied(1990))));
        ChannelAccess channel = channel(Map.of());
        List<ListingUpdate> updates = updates(3, ShopifyConnectorTest::item);

        await(dispatcher.push(channel, updates));
        await(dispatcher.push(channel, updates));

        assertThat(calls()).extracting(request -> body(request).at("/variables/idempotencyKey").asText()).hasSize(2)
                .containsOnly(body(calls().get(0)).at("/variables/idempotencyKey").asText());
    }

    @Test
    void aStaleCompareQuantityIsAConflictAndNothingElseInTheCallWasSet() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(okJson("""
                {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":null,"userErrors":[
                  {"field":["input","quantities","1","changeFromQuantity"],"message":"The changeFromQuantity is stale","code":"CHANGE_FROM_QUANTITY_STALE"},
                  {"field":["input","quantities","2","inventoryItemId"],"message":"The specified inventory item could not be found.","code":"INVALID_INVENTORY_ITEM"}]}}}
                """)));
        List<ListingUpdate> updates = List.of(
                new ListingUpdate("A", item(0), 4, 7L, "k-a"),
                new ListingUpdate("B", item(1), 3, 9L, "k-b"),
                new ListingUpdate("C", item(2), 2, null, "k-c"));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), updates));

        assertThat(outcomes).extracting(ListingOutcome::sku, ListingOutcome::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A", ListingOutcome.Status.CONFLICT),
                org.assertj.core.groups.Tuple.tuple("B", ListingOutcome.Status.CONFLICT),
                org.assertj.core.groups.Tuple.tuple("C", ListingOutcome.Status.REJECTED));
        assertThat(outcomes.get(1).detail()).startsWith("CHANGE_FROM_QUANTITY_STALE");
        JsonNode quantities = body(calls().get(0)).at("/variables/input/quantities");
        assertThat(quantities.get(0).get("changeFromQuantity").asLong()).isEqualTo(7);
        assertThat(quantities.get(1).get("changeFromQuantity").asLong()).isEqualTo(9);
    }

    @Test
    void anOlderApiVersionGetsCompareQuantityAndNoIdempotencyDirective() {
        shopify.stubFor(post(urlEqualTo("/admin/api/2025-10/graphql.json")).willReturn(okJson(applied(1990))));
        ChannelAccess channel = channel(Map.of("apiVersion", "2025-10"));

        await(dispatcher.push(channel, List.of(new ListingUpdate("A", item(0), 4, 7L, "k-a"), new ListingUpdate("B", item(1), 3, 9L, "k-b"))));
        await(dispatcher.push(channel, List.of(new ListingUpdate("A", item(0), 4, 7L, "k-a"), new ListingUpdate("C", item(2), 1, null, "k-c"))));

        List<LoggedRequest> calls = shopify.findAll(postRequestedFor(urlEqualTo("/admin/api/2025-10/graphql.json")));
        assertThat(calls).hasSize(2);
        JsonNode allKnown = body(calls.get(0));
        assertThat(allKnown.get("query").asText()).doesNotContain("@idempotent");
        assertThat(allKnown.at("/variables/idempotencyKey").isMissingNode()).isTrue();
        assertThat(allKnown.at("/variables/input/quantities/1/compareQuantity").asLong()).isEqualTo(9);
        assertThat(allKnown.at("/variables/input/quantities/1").has("changeFromQuantity")).isFalse();
        assertThat(allKnown.at("/variables/input").has("ignoreCompareQuantity")).isFalse();
        JsonNode oneUnknown = body(calls.get(1));
        assertThat(oneUnknown.at("/variables/input/ignoreCompareQuantity").asBoolean()).isTrue();
        assertThat(oneUnknown.at("/variables/input/quantities/0").has("compareQuantity")).isFalse();
    }

    @Test
    void aGraphqlErrorGivenAsTextIsAPermanentFailure() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(okJson("{\"errors\":\"Not Found\"}")));

        assertThat(failureOf(dispatcher.push(channel(Map.of()), updates(1, ShopifyConnectorTest::item))))
                .isInstanceOf(MarketplaceException.PermanentFailure.class).hasMessageEndingWith("answered an error")
                .message().as("the marketplace's text stays in the log").doesNotContain("Not Found");
    }

    @Test
    void throttledWaitsUntilShopifyHasRestoredThePointsThenSucceeds() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("""
                        {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],
                         "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":null,
                           "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":0,"restoreRate":10.0}}}}
                        """))
                .willSetStateTo("restored"));
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("throttle").whenScenarioStateIs("restored")
                .willReturn(okJson(applied(1990))));
        ChannelAccess channel = channel(Map.of());

        long started = System.nanoTime();
        List<ListingOutcome> outcomes = await(dispatcher.push(channel, updates(2, ShopifyConnectorTest::item)));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcomes).allMatch(outcome -> outcome.status() == ListingOutcome.Status.APPLIED);
        assertThat(calls()).hasSize(2);
        // 10 points missing at 10 points a second
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        ChannelHealth health = dispatcher.health(channel.channelId());
        assertThat(health.rateLimitResponses()).isEqualTo(1);
        assertThat(health.circuitState()).isEqualTo("CLOSED");
        assertThat(meters.get(ChannelDispatcher.RATE_LIMITED_METRIC).tag("channel", channel.channelId()).counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void http429WaitsForRetryAfterThenSucceeds() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("again"));
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("429").whenScenarioStateIs("again").willReturn(okJson(applied(1990))));
        ChannelAccess channel = channel(Map.of());

        long started = System.nanoTime();
        List<ListingOutcome> outcomes = await(dispatcher.push(channel, updates(1, ShopifyConnectorTest::item)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(calls()).hasSize(2);
        assertThat(dispatcher.health(channel.channelId()).rateLimitResponses()).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedThenSucceeds() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("5xx").whenScenarioStateIs("up").willReturn(okJson(applied(1990))));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), updates(3, ShopifyConnectorTest::item)));

        assertThat(outcomes).allMatch(outcome -> outcome.status() == ListingOutcome.Status.APPLIED);
        assertThat(calls()).hasSize(2);
    }

    @Test
    void aServerThatStaysDownIsGivenUpOnAfterTheBoundedAttempts() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(503)));
        ChannelAccess channel = channel(Map.of("retryMaxAttempts", "3"));

        Throwable failure = failureOf(dispatcher.push(channel, updates(1, ShopifyConnectorTest::item)));

        assertThat(failure).isInstanceOf(MarketplaceException.TransientFailure.class).hasMessageContaining("503");
        assertThat(calls()).hasSize(3);
        assertThat(dispatcher.health(channel.channelId()).lastError()).contains("503");
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndThenFailsFastWithoutCalling() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(500)));
        ChannelAccess channel = channel(Map.of("retryMaxAttempts", "1", "circuitRequestVolume", "4",
                "circuitFailureRatio", "1.0", "circuitDelayMillis", "60000"));

        for (int push = 0; push < 4; push++) {
            assertThat(failureOf(dispatcher.push(channel, updates(1, ShopifyConnectorTest::item))))
                    .isInstanceOf(MarketplaceException.TransientFailure.class);
        }
        Throwable fastFailure = failureOf(dispatcher.push(channel, updates(1, ShopifyConnectorTest::item)));

        assertThat(fastFailure).isInstanceOf(MarketplaceException.CircuitOpen.class);
        assertThat(calls()).hasSize(4);
        assertThat(dispatcher.health(channel.channelId()).circuitState()).isEqualTo("OPEN");
    }

    @Test
    void aRefusedAccessTokenIsAnAuthenticationFailureAndIsNotRetried() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));

        Throwable failure = failureOf(dispatcher.push(channel(Map.of()), updates(1, ShopifyConnectorTest::item)));

        assertThat(failure).isInstanceOf(MarketplaceException.AuthenticationFailure.class);
        assertThat(failure.getMessage()).doesNotContain(TOKEN);
        assertThat(calls()).hasSize(1);
    }

    @Test
    void readsTheAvailableQuantityAtTheChannelsLocationBack() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("nodes(ids: $ids)"))
                .willReturn(okJson("""
                        {"data":{"nodes":[
                          {"id":"gid://shopify/InventoryItem/1000","inventoryLevel":{"quantities":[{"name":"available","quantity":7}]}},
                          {"id":"gid://shopify/InventoryItem/1001","inventoryLevel":null},
                          null]},
                         "extensions":{"cost":{"requestedQueryCost":8,"actualQueryCost":4,
                           "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1996,"restoreRate":100.0}}}}
                        """)));

        Map<String, Long> held = await(dispatcher.read(channel(Map.of()), List.of(item(0), item(1), item(2))));

        assertThat(held).containsExactly(Map.entry(item(0), 7L));
        JsonNode body = body(calls().get(0));
        assertThat(body.get("query").asText()).contains("inventoryLevel(locationId: $locationId)").contains("quantities(names: [\"available\"])");
        assertThat(body.at("/variables/locationId").asText()).isEqualTo(LOCATION);
        assertThat(body.at("/variables/ids")).hasSize(3);
        assertThat(calls().get(0).getHeader("X-Shopify-Access-Token")).isEqualTo(TOKEN);
    }

    @Test
    void aChannelWithoutALocationIsRefusedBeforeAnyCall() {
        ChannelAccess channel = MarketplaceStub.channel(ChannelType.SHOPIFY, shopify, Map.of("accessToken", TOKEN), Map.of());

        assertThat(failureOf(dispatcher.push(channel, updates(1, ShopifyConnectorTest::item))))
                .isInstanceOf(MarketplaceException.PermanentFailure.class).hasMessageContaining("locationId");
        assertThat(calls()).isEmpty();
    }

    @Test
    void anUntouchedChannelReportsAQuietHealth() {
        assertThat(dispatcher.health("never-called")).isEqualTo(ChannelHealth.unknown("never-called"));
        assertThat(shopify.findAll(postRequestedFor(urlEqualTo(GRAPHQL)).withHeader("X-Shopify-Access-Token", equalTo(TOKEN)))).isEmpty();
    }

    @Test
    void looksVariantsUpBySkuAndTakesTheirInventoryItemFoundMissingOrAmbiguousNeverGuessed() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(okJson("""
                {"data":{"productVariants":{"nodes":[
                  {"id":"gid://shopify/ProductVariant/1","sku":"RED-S","inventoryItem":{"id":"gid://shopify/InventoryItem/11"}},
                  {"id":"gid://shopify/ProductVariant/2","sku":"RED-S-XL","inventoryItem":{"id":"gid://shopify/InventoryItem/12"}},
                  {"id":"gid://shopify/ProductVariant/3","sku":"TWIN","inventoryItem":{"id":"gid://shopify/InventoryItem/31"}},
                  {"id":"gid://shopify/ProductVariant/4","sku":"TWIN","inventoryItem":{"id":"gid://shopify/InventoryItem/32"}}]}},
                 "extensions":{"cost":{"requestedQueryCost":102,"actualQueryCost":9,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1991,"restoreRate":100.0}}}}""")));

        Map<String, SkuLookup> found = await(dispatcher.lookup(channel(Map.of()), List.of("RED-S", "GONE", "TWIN", "say \"hi\"")));

        assertThat(found.get("RED-S")).as("an exact SKU, not the one it prefixes").isEqualTo(SkuLookup.found("RED-S", "gid://shopify/InventoryItem/11"));
        assertThat(found.get("GONE").result()).isEqualTo(SkuLookup.Result.MISSING);
        assertThat(found.get("TWIN").result()).isEqualTo(SkuLookup.Result.AMBIGUOUS);
        assertThat(found.get("TWIN").detail()).contains("InventoryItem/31", "InventoryItem/32");
        assertThat(found.get("say \"hi\"").result()).isEqualTo(SkuLookup.Result.MISSING);
        var request = body(calls().get(0));
        assertThat(request.get("query").asText()).contains("productVariants(first: $first, query: $query)", "inventoryItem { id }");
        assertThat(request.at("/variables/query").asText()).isEqualTo("sku:\"RED-S\" OR sku:\"GONE\" OR sku:\"TWIN\" OR sku:\"say \\\"hi\\\"\"");
        assertThat(calls().get(0).getHeader("X-Shopify-Access-Token")).isEqualTo(TOKEN);
    }

    @Test
    void aLookupOfMoreSkusThanOneQueryCarriesGoesInSeveralCalls() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(okJson("{\"data\":{\"productVariants\":{\"nodes\":[]}}}")));
        List<String> skus = updates(45, i -> "x").stream().map(ListingUpdate::sku).toList();

        Map<String, SkuLookup> found = await(dispatcher.lookup(channel(Map.of()), skus));

        assertThat(found).hasSize(45).allSatisfy((sku, lookup) -> assertThat(lookup.result()).isEqualTo(SkuLookup.Result.MISSING));
        assertThat(calls()).hasSize(3);
    }
}
