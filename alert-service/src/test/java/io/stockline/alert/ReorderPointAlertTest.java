package io.stockline.alert;

import static io.stockline.alert.AlertTestSupport.LEGACY_LOW_STOCK;
import static io.stockline.alert.AlertTestSupport.as;
import static io.stockline.alert.AlertTestSupport.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * inventory.reorder-points on the real broker: the reorder point inventory computed for a (SKU, location) becomes its
 * LOW_STOCK threshold in place of the configured default, a rule a person set still wins, an older point never
 * replaces a newer one, and an unreadable record is dead-lettered while the consumer goes on.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class ReorderPointAlertTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String REORDER_POINT_TYPE = "io.stockline.inventory.reorder-point.v1";

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;
    @ConfigProperty(name = "stockline.topics.reorder-points")
    String reorderPointsTopic;
    @ConfigProperty(name = "stockline.topics.alerts")
    String alertsTopic;
    @ConfigProperty(name = "stockline.alerts.low-stock-threshold")
    long defaultThreshold;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(alertsTopic, reorderPointsTopic + ".dlq"));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aComputedReorderPointRaisesLowStockAboveTheFixedThreshold() {
        String sku = newSku();
        reorderPoint(sku, "WH1", 40, OffsetDateTime.now(ZoneOffset.UTC));
        awaitThreshold(sku, "WH1", 40);
        assertThat(40L).isGreaterThan(defaultThreshold);

        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, "WH1", 1, 60); // above: nothing
        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, "WH1", 2, 20); // above 5, under 40: low

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).hasSize(1));
        JsonNode alert = lowStock(sku).get(0);
        assertThat(alert.get("status").asText()).isEqualTo("OPEN");
        assertThat(alert.get("location").asText()).isEqualTo("WH1");
        assertThat(alert.get("observed").asLong()).isEqualTo(20);
        assertThat(alert.get("threshold").asLong()).isEqualTo(40);
        // Another location of the SKU keeps the default.
        as("viewer").get("/api/v1/rules/effective?kind=LOW_STOCK&sku=" + sku + "&location=WH2").then()
                .statusCode(200).body("threshold", equalTo((int) defaultThreshold));
    }

    @Test
    void aStockAlreadyUnderTheNewPointIsLowAtOnce() {
        String sku = newSku();
        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, "WH1", 1, 12);
        reorderPoint(sku, "WH1", 30, OffsetDateTime.now(ZoneOffset.UTC));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).hasSize(1));
        assertThat(lowStock(sku).get(0).get("observed").asLong()).isEqualTo(12);
        assertThat(lowStock(sku).get(0).get("threshold").asLong()).isEqualTo(30);
    }

    @Test
    void aRuleAPersonSetStillWins() {
        String sku = newSku();
        AlertTestSupport.skuRule("LOW_STOCK", sku, 10L, 0);
        reorderPoint(sku, "WH1", 40, OffsetDateTime.now(ZoneOffset.UTC));
        // Stored (the rule in force stays the person's), so the changes below are judged with it known.
        await().atMost(TIMEOUT).until(() -> storedPoint(sku, "WH1") == 40);
        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, "WH1", 1, 20); // under 40, over 10: nothing
        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, "WH1", 2, 9); // under the rule's 10: low

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).isNotEmpty());
        assertThat(lowStock(sku)).hasSize(1);
        assertThat(lowStock(sku).get(0).get("observed").asLong()).isEqualTo(9);
        assertThat(lowStock(sku).get(0).get("threshold").asLong()).isEqualTo(10);
        as("viewer").get("/api/v1/rules/effective?kind=LOW_STOCK&sku=" + sku + "&location=WH1").then()
                .statusCode(200).body("threshold", equalTo(10));
    }

    @Test
    void anOlderPointNeverReplacesANewerOne() {
        String sku = newSku();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        reorderPoint(sku, "WH1", 25, now);
        awaitThreshold(sku, "WH1", 25);
        reorderPoint(sku, "WH1", 90, now.minusDays(1)); // older: dropped
        reorderPoint(sku, "WH2", 33, now); // sent after it: once applied, the older one was consumed
        awaitThreshold(sku, "WH2", 33);
        as("viewer").get("/api/v1/rules/effective?kind=LOW_STOCK&sku=" + sku + "&location=WH1").then()
                .statusCode(200).body("threshold", equalTo(25));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String sku = newSku();
        String dlq = reorderPointsTopic + ".dlq";
        String key = sku + "|WH1";
        kafka.sendRaw(reorderPointsTopic, key, "not json");
        kafka.sendCloudEvent(reorderPointsTopic, key, REORDER_POINT_TYPE, UUID.randomUUID().toString(),
                "{\"eventId\":\"" + UUID.randomUUID() + "\",\"sku\":\"" + sku + "\",\"location\":\"WH1\","
                        + "\"computedAt\":\"2026-11-30T03:00:00Z\"}"); // no reorderPoint
        reorderPoint(sku, "WH1", 17, OffsetDateTime.now(ZoneOffset.UTC));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(dlq)).filteredOn(dead -> key.equals(dead.key()))
                .hasSize(2).allSatisfy(dead -> assertThat(dead.header("dead-letter-reason")).isNotBlank()));
        assertThat(kafka.on(dlq)).filteredOn(dead -> key.equals(dead.key()))
                .extracting(dead -> dead.header("dead-letter-reason")).element(1).asString().contains("reorderPoint");
        awaitThreshold(sku, "WH1", 17);
    }

    // --- helpers

    private long storedPoint(String sku, String location) throws Exception {
        try (Connection db = TestDatabase.connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT reorder_point FROM reorder_point WHERE sku = ? AND location = ?")) {
            query.setString(1, sku);
            query.setString(2, location);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    private void reorderPoint(String sku, String location, long point, OffsetDateTime computedAt) {
        UUID eventId = UUID.randomUUID();
        String json = """
                {"eventId":"%s","sku":"%s","location":"%s","reorderPoint":%d,"safetyStock":%s,"computedAt":"%s"}"""
                .formatted(eventId, sku, location, point, Double.toString(point / 4.0), computedAt);
        kafka.sendCloudEvent(reorderPointsTopic, sku + "|" + location, REORDER_POINT_TYPE, eventId.toString(), json);
    }

    /** Until the rule in force for LOW_STOCK at the (SKU, location) has this threshold. */
    private static void awaitThreshold(String sku, String location, long threshold) {
        await().atMost(TIMEOUT).untilAsserted(() -> as("viewer")
                .get("/api/v1/rules/effective?kind=LOW_STOCK&sku=" + sku + "&location=" + location).then()
                .statusCode(200).body("threshold", equalTo((int) threshold))
                .body("id", nullValue()));
    }

    private List<JsonNode> lowStock(String sku) {
        return kafka.on(alertsTopic).stream().filter(r -> sku.equals(r.key()))
                .filter(r -> !LEGACY_LOW_STOCK.equals(r.header("ce_type")))
                .map(AlertTestSupport::body).filter(b -> b.get("kind").asText().equals("LOW_STOCK")).toList();
    }
}
