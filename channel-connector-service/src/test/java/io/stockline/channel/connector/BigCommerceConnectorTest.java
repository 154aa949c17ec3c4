package io.stockline.channel.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.channel.dispatch.ChannelDispatcher;
import io.stockline.channel.domain.ChannelType;
import io.stockline.testsupport.MarketplaceContracts.Marketplace;
import io.stockline.testsupport.StocklineTestResource;

/** The BigCommerce connector through the dispatcher against a WireMock BigCommerce REST Management API v3. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
class BigCommerceConnectorTest {

    private static final String STORE = "abc123";
    private static final String TOKEN = "bc-test-token";
    private static final String ABSOLUTE = "/stores/" + STORE + "/v3/inventory/adjustments/absolute";
    private static final String ITEMS = "/stores/" + STORE + "/v3/inventory/items";
    private static final String VARIANTS = "/stores/" + STORE + "/v3/catalog/variants";

    private static WireMockServer bigcommerce;

    @Inject
    ChannelDispatcher dispatcher;

    @BeforeAll
    static void start() {
        bigcommerce = MarketplaceStub.start();
    }

    @AfterAll
    static void stop() {
        bigcommerce.stop();
    }

    @BeforeEach
    void reset() {
        bigcommerce.resetAll();
    }

    @AfterEach
    void everyRequestMatchesOurContract() {
        List<LoggedRequest> requests = bigcommerce.findAll(anyRequestedFor(urlPathMatching("/.*")));
        if (!requests.isEmpty()) {
            MarketplaceSpecs.assertAllValid(MarketplaceSpecs.contract(Marketplace.BIGCOMMERCE), requests);
        }
    }

    private static ChannelAccess channel(Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(Map.of("storeHash", STORE, "locationId", "3"));
        options.putAll(extraOptions);
        return MarketplaceStub.channel(ChannelType.BIGCOMMERCE, bigcommerce, Map.of("accessToken", TOKEN), options);
    }

    /** An answer with BigCommerce's rate-limit headers: {@code left} of 150 requests in a 30 s window, reset in {@code resetMs}. */
    private static ResponseDefinitionBuilder rated(int status, long left, long resetMs, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Rate-Limit-Requests-Left", Long.toString(left))
                .withHeader("X-Rate-Limit-Requests-Quota", "150")
                .withHeader("X-Rate-Limit-Time-Window-Ms", "30000")
                .withHeader("X-Rate-Limit-Time-Reset-Ms", Long.toString(resetMs))
                .withBody(body);
    }

    private List<LoggedRequest> adjustments() {
        return bigcommerce.findAll(putRequestedFor(urlPathEqualTo(ABSOLUTE)));
    }

    @Test
    void oneHundredFiftyUpdatesGoAsTwoAbsoluteAdjustmentsOfVariantsAtTheLocationWithTheAuthToken() {
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).willReturn(rated(200, 140, 20000, "{\"transaction_id\":\"t-1\"}")));
        List<ListingUpdate> updates = updates(150, i -> Integer.toString(700 + i));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), updates));

        assertThat(outcomes).extracting(ListingOutcome::sku).containsExactlyElementsOf(updates.stream().map(ListingUpdate::sku).toList());
        assertThat(outcomes).allMatch(outcome -> outcome.status() == ListingOutcome.Status.APPLIED);
        List<LoggedRequest> calls = adjustments();
        assertThat(calls).extracting(call -> body(call).get("items").size()).containsExactly(100, 50);
        assertThat(calls).allMatch(call -> TOKEN.equals(call.getHeader("X-Auth-Token")));
        assertThat(body(calls.get(1)).get("items").get(0).toString())
                .isEqualTo("{\"location_id\":3,\"variant_id\":800,\"quantity\":100}");
        assertThat(body(calls.get(0)).get("reason").asText()).isNotBlank();
    }

    @Test
    void aListingIdThatIsNotAVariantIdIsRejectedWithoutBeingSent() {
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).willReturn(rated(200, 140, 20000, "{\"transaction_id\":\"t-2\"}")));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), List.of(
                new ListingUpdate("A", "11", 3, null, "k1"), new ListingUpdate("B", "SKU-B", 4, null, "k2"))));

        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED,
                ListingOutcome.Status.REJECTED);
        assertThat(outcomes.get(1).detail()).contains("variant id");
        assertThat(body(adjustments().get(0)).get("items")).hasSize(1);
    }

    @Test
    void a422NamingAnItemRejectsThatItemAndTheOthersAreReadBackAsNothingWasSet() {
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).willReturn(rated(422, 139, 20000, """
                {"status":422,"title":"Input is invalid","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
                 "errors":{"items.1.variant_id":"Variant 12 does not exist"}}""")));

        List<ListingOutcome> outcomes = await(dispatcher.push(channel(Map.of()), List.of(
                new ListingUpdate("A", "11", 3, null, "k1"), new ListingUpdate("B", "12", 4, null, "k2"))));

        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.CONFLICT,
                ListingOutcome.Status.REJECTED);
        assertThat(outcomes.get(1).detail()).as("the field our request got wrong, not BigCommerce's words")
                .isEqualTo("items.1.variant_id refused");
        assertThat(adjustments()).as("a refused item is not retried").hasSize(1);
    }

    @Test
    void a422NamingNoItemFailsTheCallForGood() {
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).willReturn(rated(422, 139, 20000, """
                {"status":422,"title":"Location 3 is not active","type":"about:blank","errors":{}}""")));

        assertThat(failureOf(dispatcher.push(channel(Map.of()), updates(1, i -> "11"))))
                .isInstanceOf(MarketplaceException.PermanentFailure.class).hasMessageEndingWith("answered HTTP 422")
                .message().as("the marketplace's text stays in the log").doesNotContain("Location 3");
    }

    @Test
    void a429WaitsUntilTheWindowResetsThenSucceeds() {
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(rated(429, 0, 1200, "{\"status\":429,\"title\":\"Too many requests\"}")).willSetStateTo("ok"));
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(rated(200, 149, 30000, "{\"transaction_id\":\"t-3\"}")));
        ChannelAccess channel = channel(Map.of());

        long started = System.nanoTime();
        List<ListingOutcome> outcomes = await(dispatcher.push(channel, updates(1, i -> "11")));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
        assertThat(outcomes).extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(dispatcher.health(channel.channelId()).rateLimitResponses()).isEqualTo(1);
        List<LoggedRequest> calls = adjustments();
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(1150);
    }

    @Test
    void anEmptyQuotaHoldsTheNextCallUntilTheWindowResets() {
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).withRequestBody(matchingJsonPath("$.items[0].variant_id", equalTo("1")))
                .willReturn(rated(200, 0, 1500, "{\"transaction_id\":\"t-4\"}")));
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).withRequestBody(matchingJsonPath("$.items[0].variant_id", equalTo("2")))
                .willReturn(rated(200, 149, 30000, "{\"transaction_id\":\"t-5\"}")));
        ChannelAccess channel = channel(Map.of());

        await(dispatcher.push(channel, List.of(new ListingUpdate("A", "1", 1, null, "k1"))));
        await(dispatcher.push(channel, List.of(new ListingUpdate("B", "2", 2, null, "k2"))));

        List<LoggedRequest> calls = adjustments();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .as("no request while BigCommerce said none is left").isGreaterThanOrEqualTo(1400);
        assertThat(dispatcher.health(channel.channelId()).rateLimitResponses()).as("no 429 was needed").isZero();
    }

    @Test
    void aRefusedTokenIsAnAuthenticationFailureAndAServerErrorIsRetried() {
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).willReturn(rated(401, 149, 30000, "{\"status\":401,\"title\":\"Unauthorized\"}")));
        assertThat(failureOf(dispatcher.push(channel(Map.of()), updates(1, i -> "11"))))
                .isInstanceOf(MarketplaceException.AuthenticationFailure.class);
        assertThat(adjustments()).hasSize(1);

        bigcommerce.resetAll();
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        bigcommerce.stubFor(put(urlPathEqualTo(ABSOLUTE)).inScenario("5xx").whenScenarioStateIs("up")
                .willReturn(rated(200, 148, 30000, "{\"transaction_id\":\"t-6\"}")));
        assertThat(await(dispatcher.push(channel(Map.of()), updates(1, i -> "11"))))
                .extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(adjustments()).hasSize(2);
    }

    @Test
    void withoutAStoreHashNothingIsSent() {
        ChannelAccess noStore = MarketplaceStub.channel(ChannelType.BIGCOMMERCE, bigcommerce, Map.of("accessToken", TOKEN), Map.of());

        Throwable failure = failureOf(dispatcher.push(noStore, updates(1, i -> "11")));

        assertThat(failure).isInstanceOf(MarketplaceException.PermanentFailure.class).hasMessageContaining("storeHash");
        assertThat(failure.getMessage()).doesNotContain(TOKEN);
        assertThat(bigcommerce.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void readsOnHandQuantitiesBackAtTheChannelsLocation() {
        bigcommerce.stubFor(get(urlPathEqualTo(ITEMS)).willReturn(rated(200, 149, 30000, """
                {"data":[
                  {"identity":{"sku":"SKU-0000","variant_id":700,"product_id":70,"sku_id":1},
                   "locations":[{"location_id":1,"available_to_sell":50,"total_inventory_onhand":50},
                                {"location_id":3,"available_to_sell":8,"total_inventory_onhand":8}]},
                  {"identity":{"sku":"SKU-0001","variant_id":701,"product_id":70,"sku_id":2},
                   "locations":[{"location_id":1,"available_to_sell":4,"total_inventory_onhand":4}]}],
                 "meta":{"pagination":{"total":2,"count":2,"per_page":100,"current_page":1,"total_pages":1}}}""")));
        List<String> ids = updates(150, i -> Integer.toString(700 + i)).stream().map(ListingUpdate::listingId).toList();

        Map<String, Long> held = await(dispatcher.read(channel(Map.of()), ids));

        assertThat(held).containsExactly(Map.entry("700", 8L));
        List<LoggedRequest> reads = bigcommerce.findAll(getRequestedFor(urlPathEqualTo(ITEMS)));
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0).queryParameter("variant_id:in").firstValue().split(",")).hasSize(100).startsWith("700", "701");
        assertThat(reads.get(0).queryParameter("location_id:in").firstValue()).isEqualTo("3");
        assertThat(reads).allMatch(read -> TOKEN.equals(read.getHeader("X-Auth-Token")));
    }

    @Test
    void looksVariantsUpBySkuFoundMissingOrAmbiguousNeverGuessed() {
        bigcommerce.stubFor(get(urlPathEqualTo(VARIANTS)).willReturn(rated(200, 149, 30000, """
                {"data":[{"id":501,"product_id":50,"sku":"RED-S"},
                         {"id":601,"product_id":60,"sku":"TWIN"},{"id":602,"product_id":61,"sku":"TWIN"},
                         {"id":701,"product_id":70,"sku":"RED-S-XL"}],
                 "meta":{"pagination":{"total":4,"count":4,"per_page":250,"current_page":1,"total_pages":1}}}""")));

        Map<String, SkuLookup> found = await(dispatcher.lookup(channel(Map.of()), List.of("RED-S", "GONE", "TWIN")));

        assertThat(found.get("RED-S")).isEqualTo(SkuLookup.found("RED-S", "501"));
        assertThat(found.get("GONE").result()).isEqualTo(SkuLookup.Result.MISSING);
        assertThat(found.get("GONE").detail()).contains("no BigCommerce variant has SKU GONE");
        assertThat(found.get("TWIN").result()).isEqualTo(SkuLookup.Result.AMBIGUOUS);
        assertThat(found.get("TWIN").detail()).contains("601", "602");
        LoggedRequest lookup = bigcommerce.findAll(getRequestedFor(urlPathEqualTo(VARIANTS))).get(0);
        assertThat(lookup.queryParameter("sku:in").firstValue()).isEqualTo("RED-S,GONE,TWIN");
        assertThat(lookup.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
    }

    @Test
    void aThrottledLookupWaitsAsToldLikeAnyCall() {
        bigcommerce.stubFor(get(urlPathEqualTo(VARIANTS)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(rated(429, 0, 1000, "{\"status\":429,\"title\":\"Too many requests\"}")).willSetStateTo("ok"));
        bigcommerce.stubFor(get(urlPathEqualTo(VARIANTS)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(rated(200, 149, 30000, "{\"data\":[{\"id\":501,\"product_id\":50,\"sku\":\"RED-S\"}]}")));
        ChannelAccess channel = channel(Map.of());

        Map<String, SkuLookup> found = await(dispatcher.lookup(channel, List.of("RED-S")));

        assertThat(found.get("RED-S").listingId()).isEqualTo("501");
        assertThat(dispatcher.health(channel.channelId()).rateLimitResponses()).isEqualTo(1);
    }
}
