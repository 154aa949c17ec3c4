package io.stockline.channel.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.stockline.channel.connector.MarketplaceStub.await;
import static io.stockline.channel.connector.MarketplaceStub.body;
import static io.stockline.channel.connector.MarketplaceStub.failureOf;
import static io.stockline.channel.connector.MarketplaceStub.updates;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
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
import io.stockline.channel.dispatch.ChannelDispatcher;
import io.stockline.channel.domain.ChannelType;
import io.stockline.platform.webhook.WebhookSignature;
import io.stockline.platform.webhook.WebhookSignature.Verdict;
import io.stockline.testsupport.StocklineTestResource;

/** The signed generic webhook through the dispatcher against a WireMock receiver. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
class WebhookConnectorTest {

    private static final String HOOK = "/hooks/stock";
    private static final String SECRET = "whsec_test";

    private static WireMockServer receiver;

    @Inject
    ChannelDispatcher dispatcher;

    @BeforeAll
    static void startReceiver() {
        receiver = MarketplaceStub.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void reset() {
        receiver.resetAll();
    }

    private static ChannelAccess channel(Map<String, String> options) {
        java.util.Map<String, String> all = new java.util.HashMap<>(Map.of("retryInitialBackoffMillis", "20"));
        all.putAll(options);
        return new ChannelAccess("webhook-" + UUID.randomUUID(), ChannelType.WEBHOOK, URI.create(receiver.baseUrl() + HOOK),
                Map.of("secret", SECRET), all);
    }

    private List<LoggedRequest> calls() {
        return receiver.findAll(postRequestedFor(urlEqualTo(HOOK)));
    }

    @Test
    void theBodyIsSignedTogetherWithItsTimestampSoAReceiverCanRefuseReplays() {
        receiver.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));
        ChannelAccess channel = channel(Map.of());
        long before = Instant.now().getEpochSecond();

        List<ListingOutcome> outcomes = await(dispatcher.push(channel, updates(3, i -> "L-" + i)));

        assertThat(outcomes).allMatch(outcome -> outcome.status() == ListingOutcome.Status.APPLIED);
        LoggedRequest request = calls().get(0);
        String signature = request.getHeader(WebhookSignature.HEADER);
        String body = request.getBodyAsString();
        assertThat(request.getHeader("X-Stockline-Timestamp")).as("the timestamp is inside the signature").isNull();
        long timestamp = Long.parseLong(signature.replaceFirst("^t=(\\d+),v1=[0-9a-f]{64}$", "$1"));
        assertThat(timestamp).isBetween(before, Instant.now().getEpochSecond());
        Instant received = Instant.ofEpochSecond(timestamp);
        assertThat(WebhookSignature.verify(SECRET, signature, body, received)).isEqualTo(Verdict.VALID);
        // the same request replayed six minutes later is refused as stale; under another secret it does not match
        assertThat(WebhookSignature.verify(SECRET, signature, body, received.plus(Duration.ofMinutes(6))))
                .isEqualTo(Verdict.STALE);
        assertThat(WebhookSignature.verify("another-secret", signature, body, received)).isEqualTo(Verdict.MISMATCH);
        assertThat(request.getHeader("Idempotency-Key")).isNotBlank();
        JsonNode json = body(request);
        assertThat(json.get("channel").asText()).isEqualTo(channel.channelId());
        assertThat(json.get("updates")).hasSize(3);
        assertThat(json.get("updates").get(2).toString()).isEqualTo("{\"sku\":\"SKU-0002\",\"listingId\":\"L-2\",\"quantity\":2}");
    }

    @Test
    void theSignatureIsTheDocumentedHmac() {
        // HMAC-SHA256("key", "1700000000.{}"), computed independently with openssl
        assertThat(WebhookSignature.sign("key", Instant.ofEpochSecond(1700000000), "{}"))
                .isEqualTo("t=1700000000,v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
    }

    @Test
    void http429WaitsAsToldThenSucceeds() {
        receiver.stubFor(post(urlEqualTo(HOOK)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        receiver.stubFor(post(urlEqualTo(HOOK)).inScenario("429").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)));
        ChannelAccess channel = channel(Map.of());

        long started = System.nanoTime();
        await(dispatcher.push(channel, updates(1, i -> "L-" + i)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(calls()).hasSize(2);
        assertThat(dispatcher.health(channel.channelId()).rateLimitResponses()).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedAndAnUnreachableReceiverGivenUpOn() {
        receiver.stubFor(post(urlEqualTo(HOOK)).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        receiver.stubFor(post(urlEqualTo(HOOK)).inScenario("5xx").whenScenarioStateIs("up").willReturn(aResponse().withStatus(202)));

        assertThat(await(dispatcher.push(channel(Map.of()), updates(1, i -> "L-" + i))))
                .extracting(ListingOutcome::status).containsExactly(ListingOutcome.Status.APPLIED);
        assertThat(calls()).hasSize(2);

        ChannelAccess nowhere = new ChannelAccess("webhook-" + UUID.randomUUID(), ChannelType.WEBHOOK,
                URI.create("http://localhost:1/hooks"), Map.of("secret", SECRET),
                Map.of("retryInitialBackoffMillis", "10", "retryMaxAttempts", "2"));
        assertThat(failureOf(dispatcher.push(nowhere, updates(1, i -> "L-" + i))))
                .isInstanceOf(MarketplaceException.TransientFailure.class)
                .hasMessageContaining("unreachable: connection refused (localhost)");
    }

    @Test
    void aChannelLeadingIntoTheDeploymentIsRefusedBeforeAnyConnection() {
        // the receiver by its address: a channel saved before, whose host came to resolve to loopback
        ChannelAccess inside = new ChannelAccess("webhook-" + UUID.randomUUID(), ChannelType.WEBHOOK,
                URI.create("http://127.0.0.1:" + receiver.port() + HOOK), Map.of("secret", SECRET),
                Map.of("retryInitialBackoffMillis", "10", "retryMaxAttempts", "2"));
        assertThat(failureOf(dispatcher.push(inside, updates(1, i -> "L-" + i))))
                .isInstanceOf(MarketplaceException.PermanentFailure.class)
                .hasMessageContaining("refused: 127.0.0.1 resolves to a loopback address");
        assertThat(calls()).as("no request, so no signature, left the process").isEmpty();
    }
}
