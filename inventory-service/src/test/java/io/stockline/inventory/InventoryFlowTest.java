package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class InventoryFlowTest {

    @org.junit.jupiter.api.AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(stockChangedTopic));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void receiptUpdatesStockAndPublishesAStockChangedCloudEvent() {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        String location = "LOC-" + UUID.randomUUID().toString().substring(0, 8);
        itemAtNewLocation(sku, location);

        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", location, "quantity", 7))
                .post("/api/v1/movements").then().statusCode(201).body("resultingVersion", equalTo(1));

        given().get("/api/v1/stock/" + sku).then().statusCode(200)
                .body("totals.onHand", equalTo(7)).body("totals.available", equalTo(7))
                .body("locations[0].version", equalTo(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(stockChangedTopic).stream()
                .anyMatch(r -> sku.equals(r.key())));
        KafkaProbe.Received event = kafka.on(stockChangedTopic).stream().filter(r -> sku.equals(r.key()))
                .findFirst().orElseThrow();
        assertEquals("io.stockline.inventory.stock-changed.v1", event.header("ce_type"));
        assertEquals("1.0", event.header("ce_specversion"));
        org.assertj.core.api.Assertions.assertThat(event.value())
                .contains("\"available\":7", "\"version\":1", "\"movementType\":\"RECEIPT\"");
    }

    @Test
    void theStockChangedRecordCarriesTheTraceOfTheReceiptThatCausedIt() {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        String location = "LOC-" + UUID.randomUUID().toString().substring(0, 8);
        itemAtNewLocation(sku, location);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", location, "quantity", 3))
                .post("/api/v1/movements").then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(stockChangedTopic).stream()
                .anyMatch(r -> sku.equals(r.key())));
        KafkaProbe.Received event = kafka.on(stockChangedTopic).stream().filter(r -> sku.equals(r.key()))
                .findFirst().orElseThrow();
        // The receipt's trace, at the span that handled the request (the relay publishes later, outside it).
        org.assertj.core.api.Assertions.assertThat(event.header("traceparent"))
                .matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain(callerSpan);
    }

    private static void itemAtNewLocation(String sku, String location) {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", location, "name", "Main", "type", "WAREHOUSE"))
                .post("/api/v1/locations").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Mug"))
                .post("/api/v1/items").then().statusCode(201);
    }
}
