package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ProducerContract;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TopicNames;

/**
 * inventory-service against deploy/asyncapi.yaml on the real broker: every stock-changed, item-changed and
 * location-changed and reorder-point event it sends (with lots, through the outbox relay) keeps to the document, nothing
 * more and nothing less. It reads every record on the three topics, so it also checks what the other tests of the run
 * made it send before it.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class EventContractTest {

    static final String SERVICE = "inventory-service";

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;
    @ConfigProperty(name = "stockline.topics.items")
    String itemsTopic;
    @ConfigProperty(name = "stockline.topics.locations")
    String locationsTopic;
    @ConfigProperty(name = "stockline.topics.reorder-points")
    String reorderPointsTopic;

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    @Test
    void everyEventItSendsKeepsToTheContract() {
        List<String> topics = List.of(stockChangedTopic, itemsTopic, locationsTopic, reorderPointsTopic);
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(topics)) {
            String location = Api.location();
            String plain = Api.item();
            Api.moved("RECEIPT", plain, location, 12);
            Api.moved("SALE", plain, location, 2);
            // a plain hold takes the one-round-trip path (database function reserve_group), which writes its event's
            // JSON itself: it must keep to the same contract
            Api.reserve(Api.key(), Api.unique("o"), List.of(Api.line(1, plain, location, 1))).then().statusCode(201);
            String lotTracked = Api.unique("SKU");
            given().contentType(ContentType.JSON).body(Map.of("sku", lotTracked, "name", "Yoghurt", "lotTracked", true))
                    .post("/api/v1/items").then().statusCode(201);
            given().contentType(ContentType.JSON).body(Map.of("type", "RECEIPT", "sku", lotTracked, "location", location,
                    "quantity", 4, "lot", "L-CT", "expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(40).toString()))
                    .header("Idempotency-Key", Api.key()).post("/api/v1/movements").then().statusCode(201);
            // a planning refresh publishes the plain item's first reorder point
            Planning.sells(Planning.supplier(7, 1, 1), plain, "3.10");
            given().post(Planning.PLANNING + "/refresh").then().statusCode(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kafka.on(stockChangedTopic))
                    .anyMatch(record -> lotTracked.equals(record.key()) && record.value().contains("L-CT"))
                    .anyMatch(record -> plain.equals(record.key()) && record.value().contains("\"movementType\":\"RESERVE\"")));
            new ProducerContract(SERVICE).awaitKept(kafka, topics, TopicNames.like(stockChangedTopic, "inventory.stock-changed"));
        }
    }
}
