package io.stockline.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.http.ContentType;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * The four services as real processes, from their built jars, on the real broker and database: a receipt
 * reaches the channel as available minus buffer, an order is allocated and reserved, and the low stock it
 * leaves raises an alert.
 */
class EndToEndIT {

    private static final int BUFFER = 2;
    private static final int LOW_STOCK_THRESHOLD = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.bearer("admin");

    private static final Infrastructure infrastructure = Infrastructure.get();
    private static final String topicPrefix = "e2e" + Infrastructure.shortId() + ".";
    private static final List<String> databases = new ArrayList<>();
    private static final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private static WireMockServer channel;
    private static KafkaProbe kafka;

    @BeforeAll
    static void startSystem() {
        channel = new WireMockServer(wireMockConfig().dynamicPort());
        channel.start();
        channel.stubFor(post(urlEqualTo("/webhook/stock")).willReturn(aResponse().withStatus(204)));
        kafka = new KafkaProbe(infrastructure.kafkaBootstrapServers())
                .watch(List.of(topicPrefix + "alerts", topicPrefix + "allocations"));

        services.put("inventory-service", start("inventory-service", Map.of()));
        services.put("channel-connector-service", start("channel-connector-service", Map.of(
                "stockline.channels.seed.webshop.type", "WEBHOOK",
                "stockline.channels.seed.webshop.endpoint", channel.baseUrl() + "/webhook/stock",
                "stockline.channels.seed.webshop.credentials", "webshop",
                "stockline.channels.seed.webshop.buffer", String.valueOf(BUFFER),
                "stockline.credentials.webshop.secret", "e2e-webhook-secret")));
        services.put("allocation-service", start("allocation-service", Map.of(
                "quarkus.rest-client.inventory.url", services.get("inventory-service").url(""),
                "stockline.inventory.token", Tokens.mint("operator", "allocation-service"))));
        services.put("alert-service", start("alert-service", Map.of(
                "stockline.alerts.low-stock-threshold", String.valueOf(LOW_STOCK_THRESHOLD))));
    }

    private static ServiceProcess start(String service, Map<String, String> extra) {
        String database = infrastructure.createDatabase("e2e_" + service.replace("-service", ""));
        databases.add(database);
        Map<String, String> config = new LinkedHashMap<>(
                StocklineTestResource.serviceConfig(infrastructure, database, topicPrefix));
        config.putAll(extra);
        return ServiceProcess.start(service, config);
    }

    @AfterAll
    static void stopSystem() {
        services.values().forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
        if (channel != null) {
            channel.stop();
        }
        databases.forEach(infrastructure::dropDatabase);
    }

    /** The signed webhook push carrying this SKU at this quantity. */
    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pushed(String sku, long quantity) {
        return postRequestedFor(urlEqualTo("/webhook/stock"))
                .withHeader("X-Stockline-Signature", matching("t=[0-9]+,v1=[0-9a-f]{64}"))
                .withRequestBody(matchingJsonPath("$.updates[?(@.sku == '" + sku + "' && @.quantity == " + quantity + ")]"));
    }

    @Test
    void receiptReachesTheChannelAndAnOrderIsAllocatedReservedAndAlerted() throws Exception {
        int inventory = services.get("inventory-service").port();
        String sku = "TEE-" + UUID.randomUUID().toString().substring(0, 6);
        String orderId = "order-" + UUID.randomUUID();

        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", "WH-BERLIN", "name", "Berlin", "type", "WAREHOUSE", "latitude", 52.52,
                        "longitude", 13.40, "priority", 1))
                .post("/api/v1/locations").then().statusCode(201);
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Tee, red, M"))
                .post("/api/v1/items").then().statusCode(201);
        given().port(inventory).header("Authorization", ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", "receipt-" + sku)
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", "WH-BERLIN", "quantity", 10,
                        "reason", "PO-1001"))
                .post("/api/v1/movements").then().statusCode(201);

        // The channel is offered available minus buffer.
        await("channel holds 10 - buffer").atMost(Duration.ofSeconds(60)).untilAsserted(() -> channel.verify(
                pushed(sku, 10 - BUFFER)));

        // An order for 6 is allocated to the warehouse and reserved there.
        kafka.sendCloudEvent(topicPrefix + "orders", orderId, "io.stockline.order.placed.v1", UUID.randomUUID().toString(),
                JSON.writeValueAsString(Map.of("orderId", orderId, "channel", "webshop", "paid", true,
                        "lines", List.of(Map.of("line", 1, "sku", sku, "quantity", 6)))));

        await("allocation decided").atMost(Duration.ofSeconds(60)).until(() -> kafka.on(topicPrefix + "allocations")
                .stream().anyMatch(r -> orderId.equals(r.key())));
        KafkaProbe.Received decision = kafka.on(topicPrefix + "allocations").stream()
                .filter(r -> orderId.equals(r.key())).findFirst().orElseThrow();
        assertThat(decision.header("ce_type")).isEqualTo("io.stockline.allocation.decided.v1");
        JsonNode shipment = JSON.readTree(decision.value()).path("shipments").path(0);
        assertThat(shipment.path("location").asText()).isEqualTo("WH-BERLIN");
        assertThat(shipment.path("lines").path(0).path("quantity").asLong()).isEqualTo(6);

        // Inventory shows the units committed to the order.
        given().port(inventory).header("Authorization", ADMIN).get("/api/v1/stock/" + sku).then().statusCode(200)
                .body("totals.onHand", equalTo(10))
                .body("totals.committed", equalTo(6))
                .body("totals.available", equalTo(4));

        // Four left is at or under the threshold: one low-stock alert.
        await("low-stock alert").atMost(Duration.ofSeconds(60)).until(() -> kafka.on(topicPrefix + "alerts").stream()
                .anyMatch(r -> sku.equals(r.key()) && "io.stockline.alert.opened.v1".equals(r.header("ce_type"))));
        KafkaProbe.Received alert = kafka.on(topicPrefix + "alerts").stream()
                .filter(r -> sku.equals(r.key()) && "io.stockline.alert.opened.v1".equals(r.header("ce_type")))
                .findFirst().orElseThrow();
        JsonNode opened = JSON.readTree(alert.value());
        assertThat(opened.path("kind").asText()).isEqualTo("LOW_STOCK");
        assertThat(opened.path("observed").asLong()).isEqualTo(4);

        // And the channel follows: 4 available less the buffer.
        await("channel holds 4 - buffer").atMost(Duration.ofSeconds(60)).untilAsserted(() -> channel.verify(
                pushed(sku, 4 - BUFFER)));
    }
}
