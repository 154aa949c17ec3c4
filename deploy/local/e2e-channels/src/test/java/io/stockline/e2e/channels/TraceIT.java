package io.stockline.e2e.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.restassured.http.ContentType;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.SystemProcesses;
import io.stockline.testsupport.Tokens;

/**
 * One trace from the API to the marketplace, with inventory and the channel connector as real processes (their
 * production profile) on the real broker and database: a receipt posted with a W3C {@code traceparent} is written
 * with its outbox row, published by the relay later, read by the connector and pushed by a channel worker later
 * still; the marketplace (WireMock) must receive that push with a {@code traceparent} of the receipt's trace.
 */
@ResourceLock(value = SystemProcesses.INFRASTRUCTURE, mode = ResourceAccessMode.READ)
class TraceIT {

    private static final String ADMIN = Tokens.bearer("admin");
    private static final String HOOK = "/webhook/traced";

    private static final SystemProcesses system = new SystemProcesses("e2et");
    private static WireMockServer marketplace;
    private static ServiceProcess inventory;
    private static ServiceProcess connector;

    @BeforeAll
    static void startSystem() {
        marketplace = new WireMockServer(wireMockConfig().dynamicPort());
        marketplace.start();
        marketplace.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));
        inventory = system.start("inventory-service", Map.of());
        connector = system.start("channel-connector-service", Map.of(
                "stockline.channels.seed.traced.type", "WEBHOOK",
                "stockline.channels.seed.traced.endpoint", marketplace.baseUrl() + HOOK,
                "stockline.channels.seed.traced.credentials", "traced",
                "stockline.credentials.traced.secret", "e2e-trace-secret",
                "stockline.outbound.allowed-hosts", "localhost"));
        system.awaitReady();
    }

    @AfterAll
    static void stopSystem() {
        system.close();
        if (marketplace != null) {
            marketplace.stop();
        }
    }

    @Test
    void theReceiptsTraceIdIsOnTheChannelConnectorsMarketplaceCall() {
        String sku = "TRACE-" + Infrastructure.shortId();
        String location = "WH-T" + Infrastructure.shortId();
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", location, "name", "Traced", "type", "WAREHOUSE"))
                .post("/api/v1/locations").then().statusCode(201);
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Traced tee")).post("/api/v1/items").then().statusCode(201);

        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .header("Idempotency-Key", "receipt-" + sku)
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", location, "quantity", 9, "reason", "PO-T"))
                .post("/api/v1/movements").then().statusCode(201);

        // The push of the receipt's 9 (the item's creation may have pushed 0 before, in the item's own trace).
        await("the marketplace receives the receipt's quantity").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> !pushes(sku, 9).isEmpty());
        List<LoggedRequest> pushes = pushes(sku, 9);
        assertThat(pushes).allSatisfy(push -> assertThat(push.getHeader("traceparent"))
                .as("the marketplace call's traceparent").isNotNull()
                .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .as("a span of the connector's, not the caller's").doesNotContain(callerSpan));
    }

    private static List<LoggedRequest> pushes(String sku, long quantity) {
        return marketplace.findAll(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(
                matchingJsonPath("$.updates[?(@.sku == '" + sku + "' && @.quantity == " + quantity + ")]")));
    }
}
