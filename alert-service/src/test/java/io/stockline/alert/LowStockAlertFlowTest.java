package io.stockline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/**
 * inventory.stock-changed on the real broker in, low-stock CloudEvents on {@code alerts} out.
 *
 * <p>Alerts are keyed by SKU and published before the event that raised them is done, so they reach the
 * alerts topic in the order of the events. A test that expects no alert from some events therefore sends,
 * after them, one that must raise an alert, waits for it, and then counts every alert of the SKU.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class LowStockAlertFlowTest {

    private static final String STOCK_CHANGED_TYPE = "io.stockline.inventory.stock-changed.v1";
    private static final String LOW_STOCK_TYPE = "io.stockline.alert.low-stock.v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.alerts")
    String alertsTopic;

    @ConfigProperty(name = "stockline.alerts.low-stock-threshold")
    long threshold;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(alertsTopic, stockChangedTopic + ".dlq"));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void fallingToTheThresholdPublishesOneLowStockCloudEvent() throws Exception {
        assertThat(threshold).as("the threshold these tests expect from application.properties").isEqualTo(5);
        String sku = newSku();

        stockChanged(sku, "WH1", 1, 6); // one above: not low
        stockChanged(sku, "WH1", 2, 5); // exactly the threshold: low

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alerts(sku)).hasSize(1));
        KafkaProbe.Received alert = alerts(sku).get(0);
        assertThat(alert.header("ce_type")).isEqualTo(LOW_STOCK_TYPE);
        assertThat(alert.header("ce_specversion")).isEqualTo("1.0");
        assertThat(alert.header("ce_source")).isEqualTo("/stockline/alert-service");
        assertThat(alert.header("ce_subject")).isEqualTo(sku);
        assertThat(alert.header("ce_id")).isNotBlank();
        JsonNode body = JSON.readTree(alert.value());
        assertThat(body.get("id").asText()).isEqualTo(alert.header("ce_id"));
        assertThat(body.get("kind").asText()).isEqualTo("LOW_STOCK");
        assertThat(body.get("sku").asText()).isEqualTo(sku);
        assertThat(body.get("location").asText()).isEqualTo("WH1");
        assertThat(body.get("available").asLong()).isEqualTo(5);
        assertThat(body.get("threshold").asLong()).isEqualTo(5);
        assertThat(body.get("raisedAt").asText()).isNotBlank();
    }

    @Test
    void staysQuietWhileLowAndAlertsAgainAfterRecovering() {
        String sku = newSku();

        stockChanged(sku, "WH1", 1, 10);
        stockChanged(sku, "WH1", 2, 4); // crosses: alert
        stockChanged(sku, "WH1", 3, 3); // still low: nothing
        stockChanged(sku, "WH1", 4, 5); // still low (at the threshold): nothing
        stockChanged(sku, "WH1", 5, 0); // still low: nothing
        stockChanged(sku, "WH1", 6, 6); // recovers: nothing, the alert resolves
        stockChanged(sku, "WH1", 7, 2); // crosses again: a second alert

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alertedQuantities(sku)).contains(2L));
        assertThat(alertedQuantities(sku)).containsExactly(4L, 2L);
    }

    @Test
    void eachLocationCrossesOnItsOwn() {
        String sku = newSku();

        stockChanged(sku, "WH1", 1, 3);
        stockChanged(sku, "WH2", 1, 20);
        stockChanged(sku, "WH1", 2, 1); // WH1 still low: nothing
        stockChanged(sku, "WH2", 2, 5); // WH2 crosses

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(raised(sku)).contains("WH2=5"));
        assertThat(raised(sku)).containsExactly("WH1=3", "WH2=5");
    }

    @Test
    void duplicateAndStaleEventsPublishNothing() {
        String sku = newSku();
        UUID applied = stockChanged(sku, "WH1", 3, 10);

        // The same event id again, even carrying a newer version and low stock: already applied.
        stockChanged(applied, sku, "WH1", 4, 1);
        // A new event, but older than the version applied.
        stockChanged(UUID.randomUUID(), sku, "WH1", 2, 1);
        // As old as the version applied.
        stockChanged(UUID.randomUUID(), sku, "WH1", 3, 1);
        // A fresh, newer one that must alert: once it has, the ones before it have been consumed.
        stockChanged(sku, "WH1", 5, 3);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alertedQuantities(sku)).isNotEmpty());
        assertThat(alertedQuantities(sku)).containsExactly(3L);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String sku = newSku();
        String dlq = stockChangedTopic + ".dlq";

        kafka.sendRaw(stockChangedTopic, sku, "not json");
        kafka.sendCloudEvent(stockChangedTopic, sku, STOCK_CHANGED_TYPE, UUID.randomUUID().toString(),
                "{\"sku\":\"" + sku + "\",\"location\":\"WH1\",\"version\":1,\"available\":1}"); // no eventId
        stockChanged(sku, "WH1", 1, 1);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(dlq))
                .filteredOn(dead -> sku.equals(dead.key())).hasSize(2)
                .allSatisfy(dead -> assertThat(dead.header("dead-letter-reason")).isNotBlank())
                .extracting(KafkaProbe.Received::value).first().isEqualTo("not json"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alertedQuantities(sku)).containsExactly(1L));
    }

    // --- helpers

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private UUID stockChanged(String sku, String location, long version, long available) {
        return stockChanged(UUID.randomUUID(), sku, location, version, available);
    }

    private UUID stockChanged(UUID eventId, String sku, String location, long version, long available) {
        return kafka.sendStockChanged(stockChangedTopic, eventId, sku, location, version, available);
    }

    /** The alerts of the SKU, in the order they were published. */
    private List<KafkaProbe.Received> alerts(String sku) {
        return kafka.on(alertsTopic).stream().filter(alert -> sku.equals(alert.key())).toList();
    }

    private List<Long> alertedQuantities(String sku) {
        List<KafkaProbe.Received> alerts = alerts(sku);
        alerts.forEach(alert -> assertThat(alert.header("ce_type")).isEqualTo(LOW_STOCK_TYPE));
        return alerts.stream().map(LowStockAlertFlowTest::available).toList();
    }

    /** location=available of each alert of the SKU, in the order they were published. */
    private List<String> raised(String sku) {
        return alerts(sku).stream().map(alert -> location(alert) + "=" + available(alert)).toList();
    }

    private static long available(KafkaProbe.Received alert) {
        return body(alert).get("available").asLong();
    }

    private static String location(KafkaProbe.Received alert) {
        return body(alert).get("location").asText();
    }

    private static JsonNode body(KafkaProbe.Received alert) {
        try {
            return JSON.readTree(alert.value());
        } catch (Exception e) {
            throw new AssertionError("unreadable alert " + alert.value(), e);
        }
    }
}
