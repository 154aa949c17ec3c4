package io.stockline.channel.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stockline.channel.connector.MarketplaceStub.await;
import static io.stockline.channel.connector.MarketplaceStub.body;
import static io.stockline.channel.connector.MarketplaceStub.failureOf;
import static io.stockline.channel.connector.MarketplaceStub.updates;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/** The WooCommerce connector through the dispatcher against a WireMock WooCommerce REST API v3. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
class WooCommerceConnectorTest {

    private static final String BATCH = "/wp-json/wc/v3/products/batch";
    private static final String PRODUCTS = "/wp-json/wc/v3/products";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("ck_test_key:cs_test_secret".getBytes(StandardCharsets.UTF_8));

    private static WireMockServer woo;

    @Inject
    ChannelDispatcher dispatcher;

    @BeforeAll
    static void startWoo() {
        woo = MarketplaceStub.start();
    }

    @AfterAll
    static void stopWoo() {
        woo.stop();
    }

    @BeforeEach
    void reset() {
        woo.resetAll();
    }

    @AfterEach
    void everyRequestMatchesOurContract() {
        List<LoggedRequest> requests = woo.findAll(anyRequestedFor(urlPathMatching("/.*")));
        if (!requests.isEmpty()) {
            MarketplaceSpecs.assertAllValid(MarketplaceSpecs.contract(Marketplace.WOOCOMMERCE), requests);
        }
    }

    private static ChannelAccess channel(Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(Map.of("allowInsecure", "true"));
        options.putAll(extraOptions);
        return MarketplaceStub.channel(ChannelType.WOOCOMMERCE, woo,
                Map.of("consumerKey", "ck_test_key", "consumerSecret", "cs_test_secret"), options);
    }

    private static String updated(List<ListingUpdate> updates) {
        return updates.stream().map(update -> "{\"id\":" + update.listingId() + ",\"stock_quantity\":" + update.quantity()
                + ",\"manage_stock\":true}").collect(Collectors.joining(",", "{\"update\":[", "]}"));
    }

    private List<LoggedRequest> batches() {
        return woo.findAll(postRequestedFor(urlEqualTo(BATCH)));
    }

    @Test
    void twoHundredFiftyUpdatesGoInThreeBatchesOf100_100_50WithBasicAuth() {
        List<ListingUpdate> updates = updates(250, i -> Integer.toString(500 + i));
        for (int from = 0; from < 250; from += 100) {
            List<ListingUpdate> batch = updates.subList(from, Math.min(250, from + 100));
            woo.stubFor(post(urlEqualTo(BATCH)).withRequestBody(matchingJsonPath("$.update[0].id", equalTo(batch.get(0).listingId())))
                    .willReturn(okJson(updated(batch))));
        }

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), updates));

        assertThat(outcomes).extracting(ListingOutcome::sku).containsExactlyElementsOf(updates.stream().map(ListingUpdate::sku).toList());
        assertThat(outcomes).allMatch(outcome -> outcome.status() == ListingOutcome.Status.APPLIED);
        List<LoggedRequest> calls = batches();
        assertThat(calls).extracting(call -> body(call).get("update").size()).containsExactly(100, 100, 50);
        assertThat(calls).allMatch(call -> BASIC.equals(call.getHeader("Authorization")));
        assertThat(calls).allMatch(call -> call.getHeader("Content-Type").startsWith("application/json"));
        assertThat(body(calls.get(2)).get("update").get(0).toString()).isEqualTo("{\"id\":700,\"stock_quantity\":200,\"manage_stock\":true}");
        assertThat(body(calls.get(0)).has("create")).isFalse();
    }

    @Test
    void aProductWooCommerceRefusesIsRejectedAndTheOthersApplied() {
        woo.stubFor(post(urlEqualTo(BATCH)).willReturn(okJson("""
                {"update":[{"id":11,"stock_quantity":3,"manage_stock":true},
                  {"id":12,"error":{"code":"woocommerce_rest_product_invalid_id","message":"Invalid ID.","data":{"status":400}}}]}
                """)));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), List.of(
                new ListingUpdate("A", "11", 3, null, "k1"), new ListingUpdate("B", "12", 4, null, "k2"),
                new ListingUpdate("C", "not-a-number", 5, null, "k3"))));

        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED,
                ListingOutcome.Status.REJECTED, ListingOutcome.Status.REJECTED);
        assertThat(outcomes.get(1).detail()).contains("woocommerce_rest_product_invalid_id");
        assertThat(body(batches().get(0)).get("update")).hasSize(2);
    }

    @Test
    void plainHttpIsRefusedUnlessTheChannelAllowsIt() {
        ChannelAccess insecure = MarketplaceStub.channel(ChannelType.WOOCOMMERCE, woo,
                Map.of("consumerKey", "ck_test_key", "consumerSecret", "cs_test_secret"), Map.of());

        Throwable failure = failureOf(dispatcher.push(insecure, updates(1, i -> "1")));

        assertThat(failure).isInstanceOf(MarketplaceException.PermanentFailure.class).hasMessageContaining("https");
        assertThat(failure.getMessage()).doesNotContain("cs_test_secret");
        assertThat(woo.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(URI.create(woo.baseUrl()).getScheme()).isEqualTo("http");
    }

    @Test
    void http429WaitsAsToldThenSucceeds() {
        woo.stubFor(post(urlEqualTo(BATCH)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        woo.stubFor(post(urlEqualTo(BATCH)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"update\":[{\"id\":1,\"stock_quantity\":0}]}")));
        ChannelAccess channel = channel(Map.of());

        long started = System.nanoTime();
        List<ListingOutcome> outcomes = await(dispatcher.push(channel, updates(1, i -> "1")));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(dispatcher.health(channel.channelId()).rateLimitResponses()).isEqualTo(1);
    }

    @Test
    void aPauseTheServerAskedForHoldsEveryCallOnTheChannelNotJustTheThrottledOne() {
        woo.stubFor(post(urlEqualTo(BATCH)).withRequestBody(matchingJsonPath("$.update[0].id", equalTo("1")))
                .inScenario("pause").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("resumed"));
        woo.stubFor(post(urlEqualTo(BATCH)).withRequestBody(matchingJsonPath("$.update[0].id", equalTo("1")))
                .inScenario("pause").whenScenarioStateIs("resumed").willReturn(okJson("{\"update\":[{\"id\":1,\"stock_quantity\":0}]}")));
        woo.stubFor(post(urlEqualTo(BATCH)).withRequestBody(matchingJsonPath("$.update[0].id", equalTo("2")))
                .willReturn(okJson("{\"update\":[{\"id\":2,\"stock_quantity\":5}]}")));
        ChannelAccess channel = channel(Map.of());

        java.util.concurrent.CompletableFuture<List<ListingOutcome>> throttled = dispatcher
                .push(channel, List.of(new ListingUpdate("A", "1", 0, null, "k1"))).subscribeAsCompletionStage();
        org.awaitility.Awaitility.await().atMost(MarketplaceStub.AWAIT)
                .until(() -> dispatcher.health(channel.channelId()).rateLimitResponses() == 1);
        assertThat(dispatcher.health(channel.channelId()).throttledUntil()).isNotNull();
        List<ListingOutcome> other = await(dispatcher.push(channel, List.of(new ListingUpdate("B", "2", 5, null, "k2"))));

        assertThat(throttled).succeedsWithin(MarketplaceStub.AWAIT)
                .satisfies(outcomes -> assertThat(outcomes.get(0).status()).isEqualTo(ListingOutcome.Status.APPLIED));
        assertThat(other.get(0).status()).isEqualTo(ListingOutcome.Status.APPLIED);
        List<LoggedRequest> calls = batches();
        assertThat(calls).hasSize(3);
        LoggedRequest refused = calls.get(0);
        LoggedRequest otherCall = calls.stream().filter(call -> body(call).at("/update/0/id").asLong() == 2).findFirst().orElseThrow();
        assertThat(otherCall.getLoggedDate().getTime() - refused.getLoggedDate().getTime())
                .as("the other product's call waited out the channel's pause").isGreaterThanOrEqualTo(1900);
    }

    @Test
    void aServerErrorIsRetriedThenSucceedsAndOneThatStaysIsGivenUpOn() {
        woo.stubFor(post(urlEqualTo(BATCH)).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(504)).willSetStateTo("up"));
        woo.stubFor(post(urlEqualTo(BATCH)).inScenario("5xx").whenScenarioStateIs("up")
                .willReturn(okJson("{\"update\":[{\"id\":1,\"stock_quantity\":0}]}")));

        assertThat(await(dispatcher.push(channel(Map.of()), updates(1, i -> "1"))))
                .extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(batches()).hasSize(2);

        woo.resetRequests();
        woo.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(500)));
        assertThat(failureOf(dispatcher.push(channel(Map.of("retryMaxAttempts", "2")), updates(1, i -> "1"))))
                .isInstanceOf(MarketplaceException.TransientFailure.class);
        assertThat(batches()).hasSize(2);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndFailsFast() {
        woo.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(503)));
        ChannelAccess channel = channel(Map.of("retryMaxAttempts", "1", "circuitRequestVolume", "3", "circuitFailureRatio", "1"));

        for (int push = 0; push < 3; push++) {
            assertThat(failureOf(dispatcher.push(channel, updates(1, i -> "1")))).isInstanceOf(MarketplaceException.TransientFailure.class);
        }

        assertThat(failureOf(dispatcher.push(channel, updates(1, i -> "1")))).isInstanceOf(MarketplaceException.CircuitOpen.class);
        assertThat(failureOf(dispatcher.read(channel, List.of("1")))).isInstanceOf(MarketplaceException.CircuitOpen.class);
        assertThat(batches()).hasSize(3);
        assertThat(woo.findAll(getRequestedFor(urlPathEqualTo(PRODUCTS)))).isEmpty();
        assertThat(dispatcher.health(channel.channelId()).circuitState()).isEqualTo("OPEN");
    }

    @Test
    void aChannelOptionThatIsNotANumberIsRefusedNamingIt() {
        Throwable failure = failureOf(dispatcher.push(channel(Map.of("ratePerSecond", "fast")), updates(1, i -> "1")));

        assertThat(failure).isInstanceOf(MarketplaceException.PermanentFailure.class).hasMessageContaining("ratePerSecond");
        assertThat(batches()).isEmpty();
    }

    @Test
    void wrongKeysAreAnAuthenticationFailure() {
        woo.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"woocommerce_rest_cannot_edit\",\"message\":\"Sorry, you are not allowed to edit this resource.\",\"data\":{\"status\":401}}")));

        assertThat(failureOf(dispatcher.push(channel(Map.of()), updates(1, i -> "1"))))
                .isInstanceOf(MarketplaceException.AuthenticationFailure.class);
        assertThat(batches()).hasSize(1);
    }

    @Test
    void readsStockQuantitiesBackAHundredProductsAtATime() {
        woo.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("""
                [{"id":500,"sku":"SKU-0000","manage_stock":true,"stock_quantity":8},
                 {"id":501,"sku":"SKU-0001","manage_stock":false,"stock_quantity":null}]
                """)));
        List<String> ids = updates(150, i -> Integer.toString(500 + i)).stream().map(ListingUpdate::listingId).toList();

        Map<String, Long> held = await(dispatcher.read(channel(Map.of()), ids));

        assertThat(held).containsExactly(Map.entry("500", 8L));
        List<LoggedRequest> reads = woo.findAll(getRequestedFor(urlPathEqualTo(PRODUCTS)));
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0).queryParameter("include").firstValue().split(",")).hasSize(100).startsWith("500", "501");
        assertThat(reads.get(0).queryParameter("per_page").firstValue()).isEqualTo("100");
        assertThat(reads.get(1).queryParameter("include").firstValue().split(",")).hasSize(50);
        assertThat(reads).allMatch(read -> BASIC.equals(read.getHeader("Authorization")));
    }

    @Test
    void looksProductsUpBySkuFoundMissingAmbiguousAndAVariationUnderItsParent() {
        woo.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("""
                [{"id":41,"sku":"MUG","type":"simple","parent_id":0,"manage_stock":true,"stock_quantity":3},
                 {"id":51,"sku":"TWIN","type":"simple","parent_id":0},{"id":52,"sku":"TWIN","type":"simple","parent_id":0},
                 {"id":61,"sku":"SHIRT-RED-M","type":"variation","parent_id":60}]""")));

        Map<String, SkuLookup> found = await(dispatcher.lookup(channel(Map.of()), List.of("MUG", "GONE", "TWIN", "SHIRT-RED-M")));

        assertThat(found.get("MUG")).isEqualTo(SkuLookup.found("MUG", "41"));
        assertThat(found.get("GONE").result()).isEqualTo(SkuLookup.Result.MISSING);
        assertThat(found.get("TWIN").result()).isEqualTo(SkuLookup.Result.AMBIGUOUS);
        assertThat(found.get("TWIN").detail()).contains("51", "52");
        assertThat(found.get("SHIRT-RED-M")).isEqualTo(SkuLookup.found("SHIRT-RED-M", "60/61"));
        LoggedRequest lookup = woo.findAll(getRequestedFor(urlPathEqualTo(PRODUCTS))).get(0);
        assertThat(lookup.queryParameter("sku").firstValue()).isEqualTo("MUG,GONE,TWIN,SHIRT-RED-M");
        assertThat(lookup.getHeader("Authorization")).isEqualTo(BASIC);
    }

    @Test
    void variationsGoToTheirParentsVariationsBatchAndProductsToTheProductsBatch() {
        woo.stubFor(post(urlEqualTo(BATCH)).willReturn(okJson("""
                {"update":[{"id":41,"sku":"MUG","manage_stock":true,"stock_quantity":3}],"create":[],"delete":[]}""")));
        woo.stubFor(post(urlEqualTo(PRODUCTS + "/60/variations/batch")).willReturn(okJson("""
                {"update":[{"id":61,"sku":"SHIRT-RED-M","manage_stock":true,"stock_quantity":5},
                           {"id":62,"error":{"code":"woocommerce_rest_product_variation_invalid_id","message":"Invalid ID.","data":{"status":400}}}],
                 "create":[],"delete":[]}""")));
        woo.stubFor(post(urlEqualTo(PRODUCTS + "/70/variations/batch")).willReturn(okJson("""
                {"update":[{"id":71,"sku":"CAP-BLUE","manage_stock":true,"stock_quantity":9}],"create":[],"delete":[]}""")));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), List.of(
                new ListingUpdate("SHIRT-RED-M", "60/61", 5, null, "k1"), new ListingUpdate("MUG", "41", 3, null, "k2"),
                new ListingUpdate("SHIRT-RED-L", "60/62", 7, null, "k3"), new ListingUpdate("CAP-BLUE", "70/71", 9, null, "k4"),
                new ListingUpdate("BAD", "60/x", 1, null, "k5"))));

        assertThat(outcomes).extracting(ListingOutcome::sku).containsExactly("SHIRT-RED-M", "MUG", "SHIRT-RED-L", "CAP-BLUE", "BAD");
        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED,
                ListingOutcome.Status.APPLIED, ListingOutcome.Status.REJECTED, ListingOutcome.Status.APPLIED,
                ListingOutcome.Status.REJECTED);
        assertThat(outcomes.get(2).detail()).isEqualTo("woocommerce_rest_product_variation_invalid_id");
        assertThat(woo.findAll(postRequestedFor(urlEqualTo(PRODUCTS + "/60/variations/batch")))).singleElement()
                .satisfies(call -> assertThat(call.getBodyAsString()).isEqualTo(
                        "{\"update\":[{\"id\":61,\"stock_quantity\":5,\"manage_stock\":true},"
                                + "{\"id\":62,\"stock_quantity\":7,\"manage_stock\":true}]}"));
        assertThat(woo.findAll(postRequestedFor(urlEqualTo(PRODUCTS + "/70/variations/batch")))).hasSize(1);
        assertThat(batches()).singleElement().satisfies(call -> assertThat(call.getBodyAsString())
                .isEqualTo("{\"update\":[{\"id\":41,\"stock_quantity\":3,\"manage_stock\":true}]}"));
    }

    @Test
    void variationsAreReadBackFromTheirParent() {
        woo.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("""
                [{"id":41,"sku":"MUG","manage_stock":true,"stock_quantity":3}]""")));
        woo.stubFor(get(urlPathEqualTo(PRODUCTS + "/60/variations")).willReturn(okJson("""
                [{"id":61,"sku":"SHIRT-RED-M","manage_stock":true,"stock_quantity":5},
                 {"id":62,"sku":"SHIRT-RED-L","manage_stock":"parent","stock_quantity":null}]""")));

        Map<String, Long> held = await(dispatcher.read(channel(Map.of()), List.of("41", "60/61", "60/62")));

        assertThat(held).containsOnly(Map.entry("41", 3L), Map.entry("60/61", 5L));
        assertThat(woo.findAll(getRequestedFor(urlPathEqualTo(PRODUCTS + "/60/variations"))).get(0)
                .queryParameter("include").firstValue()).isEqualTo("61,62");
    }
}
