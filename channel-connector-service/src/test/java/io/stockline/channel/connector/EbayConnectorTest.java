package io.stockline.channel.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
        assertThat(ebay.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).as("an expired token is not reused").hasSize(2);
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
}
