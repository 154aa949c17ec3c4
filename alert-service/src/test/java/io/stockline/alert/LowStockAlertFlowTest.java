package io.stockline.alert;

import static io.stockline.alert.AlertTestSupport.LEGACY_LOW_STOCK;
import static io.stockline.alert.AlertTestSupport.OPENED;
import static io.stockline.alert.AlertTestSupport.STOCK_CHANGED_TYPE;
import static io.stockline.alert.AlertTestSupport.body;
import static io.stockline.alert.AlertTestSupport.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.platform.events.Retry;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * inventory.stock-changed on the real broker in, LOW_STOCK CloudEvents on {@code alerts} out: opened once per
 * crossing, resolved on recovery, and the old low-stock.v1 beside each opening while consumers move over.
 *
 * <p>Alerts are keyed by SKU and reach the alerts topic in the order of the events of that SKU. A test that
 * expects no alert from some events therefore sends, after them, one that must raise an alert, waits for it, and
 * then counts every alert of the SKU.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class LowStockAlertFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
    void fallingToTheDefaultReorderPointOpensOneLowStockAlert() {
        assertThat(threshold).as("the default reorder point these tests expect from application.properties").isEqualTo(5);
        String sku = newSku();

        stockChanged(sku, "WH1", 1, 6); // one above: not low
        stockChanged(sku, "WH1", 2, 5); // exactly the reorder point: low

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(records(sku)).hasSize(2));
        KafkaProbe.Received legacy = records(sku).get(0);
        KafkaProbe.Received opened = records(sku).get(1);

        assertThat(opened.header("ce_type")).isEqualTo(OPENED);
        assertThat(opened.header("ce_specversion")).isEqualTo("1.0");
        assertThat(opened.header("ce_source")).isEqualTo("/stockline/alert-service");
        assertThat(opened.header("ce_subject")).isEqualTo(sku);
        JsonNode alert = body(opened);
        assertThat(alert.get("eventId").asText()).isEqualTo(opened.header("ce_id"));
        assertThat(alert.get("alertId").asText()).isNotBlank().isNotEqualTo(alert.get("eventId").asText());
        assertThat(alert.get("kind").asText()).isEqualTo("LOW_STOCK");
        assertThat(alert.get("status").asText()).isEqualTo("OPEN");
        assertThat(alert.get("sku").asText()).isEqualTo(sku);
        assertThat(alert.get("location").asText()).isEqualTo("WH1");
        assertThat(alert.get("observed").asLong()).isEqualTo(5);
        assertThat(alert.get("threshold").asLong()).isEqualTo(5);
        assertThat(alert.get("ruleId").isNull()).as("the default rule has no id").isTrue();
        assertThat(alert.get("openedAt").asText()).isNotBlank();
        assertThat(alert.get("text").asText()).contains(sku, "WH1", "5");

        // The old event, unchanged, for the consumers that still read it.
        assertThat(legacy.header("ce_type")).isEqualTo(LEGACY_LOW_STOCK);
        JsonNode old = body(legacy);
        assertThat(old.get("id").asText()).isEqualTo(legacy.header("ce_id")).isEqualTo(alert.get("alertId").asText());
        assertThat(old.get("kind").asText()).isEqualTo("LOW_STOCK");
        assertThat(old.get("available").asLong()).isEqualTo(5);
        assertThat(old.get("threshold").asLong()).isEqualTo(5);
        assertThat(old.get("raisedAt").asText()).isNotBlank();
    }

    @Test
    void opensOncePerCrossingResolvesOnRecoveryAndOpensAgainAfterTheCooldown() {
        String sku = newSku();
        AlertTestSupport.skuRule("LOW_STOCK", sku, 5L, 0); // no cool-down: every crossing counts

        stockChanged(sku, "WH1", 1, 10);
        stockChanged(sku, "WH1", 2, 4); // crosses: opened
        stockChanged(sku, "WH1", 3, 3); // still low: nothing
        stockChanged(sku, "WH1", 4, 5); // still low (at the reorder point): nothing
        stockChanged(sku, "WH1", 5, 0); // still low: nothing (out of stock is another kind)
        stockChanged(sku, "WH1", 6, 6); // recovers: resolved
        stockChanged(sku, "WH1", 7, 2); // crosses again: opened

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).hasSize(3));
        assertThat(lowStock(sku)).containsExactly("opened 4", "resolved 4", "opened 2");
        // The resolve names the alert it ends.
        List<JsonNode> bodies = lowStockBodies(sku);
        assertThat(bodies.get(1).get("alertId")).isEqualTo(bodies.get(0).get("alertId"));
        assertThat(bodies.get(1).get("resolvedAt").asText()).isNotBlank();
        assertThat(bodies.get(2).get("alertId")).isNotEqualTo(bodies.get(0).get("alertId"));
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

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).isNotEmpty());
        assertThat(lowStock(sku)).containsExactly("opened 3");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String sku = newSku();
        String dlq = stockChangedTopic + ".dlq";

        kafka.sendRaw(stockChangedTopic, sku, "not json");
        kafka.sendCloudEvent(stockChangedTopic, sku, STOCK_CHANGED_TYPE, UUID.randomUUID().toString(),
                "{\"sku\":\"" + sku + "\",\"location\":\"WH1\",\"version\":1,\"available\":1}"); // no eventId
        kafka.sendCloudEvent(stockChangedTopic, sku, STOCK_CHANGED_TYPE, UUID.randomUUID().toString(),
                "{\"eventId\":\"" + UUID.randomUUID() + "\",\"sku\":\"" + sku + "\",\"location\":\"WH1\",\"version\":1}");
        kafka.sendCloudEvent(stockChangedTopic, sku, STOCK_CHANGED_TYPE, UUID.randomUUID().toString(),
                "{\"eventId\":\"" + UUID.randomUUID() + "\",\"sku\":\"" + sku + "\",\"location\":\"WH1\",\"version\":1,"
                        + "\"available\":1,\"lots\":[{\"expiresOn\":\"2026-12-01\",\"quantity\":1}]}"); // a lot without its name
        kafka.sendCloudEvent(stockChangedTopic, sku, STOCK_CHANGED_TYPE, UUID.randomUUID().toString(),
                """
                {"eventId":"%s","sku":"%s","location":"WH1","version":1,"movementType":"ADJUSTMENT","movementId":1,\
                "onHand":-5,"available":1,"committed":0,"reserved":0,"damaged":0,"qualityControl":0,"safetyStock":0,\
                "incoming":0,"inTransit":0,"occurredAt":"2026-11-23T10:00:00Z"}""".formatted(UUID.randomUUID(), sku)); // a number no movement makes
        stockChanged(sku, "WH1", 1, 1);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(dlq))
                .filteredOn(dead -> sku.equals(dead.key())).hasSize(5)
                .allSatisfy(dead -> assertThat(dead.header("dead-letter-reason")).isNotBlank())
                .extracting(KafkaProbe.Received::value).first().isEqualTo("not json"));
        assertThat(kafka.on(dlq)).filteredOn(dead -> sku.equals(dead.key()))
                .extracting(dead -> dead.header("dead-letter-reason")).element(2).asString().contains("available");
        assertThat(kafka.on(dlq)).filteredOn(dead -> sku.equals(dead.key()))
                .extracting(dead -> dead.header("dead-letter-reason")).element(4).asString().contains("/onHand", "minimum value of 0");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).containsExactly("opened 1"));
    }

    @Test
    void aVersionFarPastTheKnownOneIsRefusedAndTheNextRealChangeStillCounts() {
        String sku = newSku();
        String dlq = stockChangedTopic + ".dlq";
        AlertTestSupport.skuRule("LOW_STOCK", sku, 5L, 0);

        stockChanged(sku, "WH1", 1, 10);
        stockChanged(sku, "WH1", 5_000_000, 20); // forged: would make every real change after it look stale
        stockChanged(sku, "WH1", 2, 3); // the next real movement: crosses the reorder point

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(dlq))
                .filteredOn(dead -> sku.equals(dead.key())).singleElement()
                .satisfies(dead -> assertThat(dead.header("dead-letter-reason"))
                        .contains("version 5000000 of " + sku + " at WH1 is more than 1000000 past the known 1")));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).containsExactly("opened 3"));
    }

    @Test
    void aReadableEventMeetingADatabaseFaultIsRetriedUntilAppliedAndNeverDeadLettered() throws Exception {
        String sku = newSku();
        String dlq = stockChangedTopic + ".dlq";
        UUID eventId = UUID.randomUUID();
        List<String> retries = new CopyOnWriteArrayList<>();
        Handler retryLog = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage() == null ? "" : record.getMessage();
                Object[] parameters = record.getParameters();
                retries.add(parameters == null ? message : String.format(message, parameters));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger retryLogger = Logger.getLogger(Retry.class.getName());
        retryLogger.addHandler(retryLog);
        try (Connection db = TestDatabase.connect();
                Statement statement = db.createStatement()) {
            // The database "away" for this consumer: its first statement fails until the table is back.
            statement.execute("ALTER TABLE processed_event RENAME TO processed_event_away");
            try {
                stockChanged(eventId, sku, "WH1", 1, 1);
                await().atMost(TIMEOUT).until(() -> retries.stream().anyMatch(line -> line.contains(eventId.toString())));
            } finally {
                statement.execute("ALTER TABLE processed_event_away RENAME TO processed_event");
            }
        } finally {
            retryLogger.removeHandler(retryLog);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).containsExactly("opened 1"));
        // Sent after it, and dead-lettered: once it is on the DLQ, the event above would be there too had it been.
        kafka.sendRaw(stockChangedTopic, sku, "not json");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(dlq)).filteredOn(dead -> sku.equals(dead.key()))
                .extracting(KafkaProbe.Received::value).containsExactly("not json"));
    }

    // --- helpers

    private UUID stockChanged(String sku, String location, long version, long available) {
        return stockChanged(UUID.randomUUID(), sku, location, version, available);
    }

    private UUID stockChanged(UUID eventId, String sku, String location, long version, long available) {
        return kafka.sendStockChanged(stockChangedTopic, eventId, sku, location, version, available);
    }

    /** Every record of the SKU on the alerts topic, in the order they were published. */
    private List<KafkaProbe.Received> records(String sku) {
        return kafka.on(alertsTopic).stream().filter(alert -> sku.equals(alert.key())).toList();
    }

    private List<JsonNode> lowStockBodies(String sku) {
        return records(sku).stream().filter(r -> !LEGACY_LOW_STOCK.equals(r.header("ce_type")))
                .map(AlertTestSupport::body).filter(b -> b.get("kind").asText().equals("LOW_STOCK")).toList();
    }

    /** "opened|resolved observed" of each LOW_STOCK event of the SKU. */
    private List<String> lowStock(String sku) {
        return lowStockBodies(sku).stream()
                .map(b -> (b.get("status").asText().equals("RESOLVED") ? "resolved " : "opened ") + b.get("observed").asLong())
                .toList();
    }

    /** location=observed of each LOW_STOCK opening of the SKU. */
    private List<String> raised(String sku) {
        return lowStockBodies(sku).stream().filter(b -> b.get("status").asText().equals("OPEN"))
                .map(b -> b.get("location").asText() + "=" + b.get("observed").asLong()).toList();
    }
}
