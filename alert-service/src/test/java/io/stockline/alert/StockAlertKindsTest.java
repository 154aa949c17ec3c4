package io.stockline.alert;

import static io.stockline.alert.AlertTestSupport.admin;
import static io.stockline.alert.AlertTestSupport.as;
import static io.stockline.alert.AlertTestSupport.newSku;
import static io.stockline.alert.AlertTestSupport.ruleBody;
import static io.stockline.alert.AlertTestSupport.skuRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * Stock driven across every threshold by stock-changed events on the real broker: exactly one alert per crossing,
 * a resolve on recovery, nothing while flapping inside the cool-down, and the most specific rule deciding.
 * Tests that expect nothing from some events send, after them, one that must alert on the same SKU (same key,
 * so consumed after them), wait for it, and then count.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class StockAlertKindsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.alerts")
    String alertsTopic;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(alertsTopic));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void outOfStockBackInStockAndOverstockEachOpenOnceAndResolve() {
        String sku = newSku();
        skuRule("OVERSTOCK", sku, 100L, 0);

        stock(sku, "WH1", 1, 50); // nothing
        stock(sku, "WH1", 2, 0); // low and out
        stock(sku, "WH1", 3, 0); // still both: nothing
        stock(sku, "WH1", 4, 8); // both resolve; back in stock once
        stock(sku, "WH1", 5, 9); // nothing
        stock(sku, "WH1", 6, 150); // over the maximum
        stock(sku, "WH1", 7, 160); // still over: nothing
        stock(sku, "WH1", 8, 90); // back under: resolves

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(sku)).contains("resolved OVERSTOCK@WH1"));
        assertThat(events(sku)).containsExactly(
                "opened LOW_STOCK@WH1", "opened OUT_OF_STOCK@WH1",
                "resolved LOW_STOCK@WH1", "resolved OUT_OF_STOCK@WH1", "opened BACK_IN_STOCK@WH1",
                "opened OVERSTOCK@WH1", "resolved OVERSTOCK@WH1");
        JsonNode back = bodies(sku).get(4);
        assertThat(back.get("status").asText()).as("one-shot").isEqualTo("NOTICE");
        assertThat(back.get("observed").asLong()).isEqualTo(8);

        // The API tells the same story.
        JsonPath alerts = as("viewer").queryParam("sku", sku).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(alerts.getList("kind", String.class))
                .containsExactlyInAnyOrder("LOW_STOCK", "OUT_OF_STOCK", "BACK_IN_STOCK", "OVERSTOCK");
        assertThat(alerts.getList("status", String.class)).containsOnly("RESOLVED", "NOTICE");
        as("viewer").queryParam("sku", sku).queryParam("status", "OPEN").get("/api/v1/alerts").then()
                .statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void flappingInsideTheCooldownOpensNothingMore() {
        String sku = newSku();
        skuRule("LOW_STOCK", sku, 5L, 3600);

        stock(sku, "WH1", 1, 10);
        stock(sku, "WH1", 2, 4); // opens
        stock(sku, "WH1", 3, 6); // resolves; the cool-down starts
        stock(sku, "WH1", 4, 3); // low again inside it: held, nothing
        stock(sku, "WH1", 5, 7); // nothing
        stock(sku, "WH1", 6, 2); // nothing
        stock(sku, "WH2", 1, 1); // another location, no cool-down there: opens

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).contains("opened LOW_STOCK@WH2"));
        assertThat(lowStock(sku)).containsExactly("opened LOW_STOCK@WH1", "resolved LOW_STOCK@WH1",
                "opened LOW_STOCK@WH2");
        as("viewer").queryParam("sku", sku).queryParam("kind", "LOW_STOCK").queryParam("status", "OPEN")
                .get("/api/v1/alerts").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].location", equalTo("WH2"));
    }

    @Test
    void aConditionStillHeldWhenTheCooldownEndsOpensWithoutAnotherEvent() {
        String sku = newSku();
        skuRule("LOW_STOCK", sku, 5L, 3);

        stock(sku, "WH1", 1, 10);
        stock(sku, "WH1", 2, 4); // opens
        stock(sku, "WH1", 3, 6); // resolves; 3 s of cool-down
        stock(sku, "WH1", 4, 3); // held (unless the cool-down has passed already: then it opens at once)

        // No further event: the sweep opens it once the cool-down is over, because stock is still low.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lowStock(sku)).hasSize(3));
        assertThat(lowStock(sku)).containsExactly("opened LOW_STOCK@WH1", "resolved LOW_STOCK@WH1",
                "opened LOW_STOCK@WH1");
        assertThat(bodies(sku).stream().filter(b -> b.get("kind").asText().equals("LOW_STOCK")).toList().get(2)
                .get("observed").asLong()).isEqualTo(3);
    }

    @Test
    void theMostSpecificRuleDecides() {
        String a = newSku();
        String b = newSku();
        String x = "LOC-" + UUID.randomUUID().toString().substring(0, 6);
        String y = "LOC-" + UUID.randomUUID().toString().substring(0, 6);
        String z = "LOC-" + UUID.randomUUID().toString().substring(0, 6);
        String locationRule = AlertTestSupport.rule(ruleBody("LOW_STOCK", null, x, 20L, 0L));
        String skuRule = skuRule("LOW_STOCK", a, 10L, 0);
        String skuAndLocationRule = AlertTestSupport.rule(ruleBody("LOW_STOCK", a, x, 2L, 0L));

        stock(a, x, 1, 5); // A at X: SKU + location rule (2): not low
        stock(a, y, 1, 5); // A at Y: SKU rule (10): low
        stock(b, x, 1, 15); // B at X: location rule (20): low
        stock(b, z, 1, 15); // B at Z: the default (5): not low
        stock(a, x, 2, 1); // now low under 2
        stock(b, z, 2, 5); // now low under 5

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(thresholds(a)).hasSize(2);
            assertThat(thresholds(b)).hasSize(2);
        });
        assertThat(thresholds(a)).containsExactly(y + " 5/10 " + skuRule, x + " 1/2 " + skuAndLocationRule);
        assertThat(thresholds(b)).containsExactly(x + " 15/20 " + locationRule, z + " 5/5 null");

        admin().queryParam("kind", "LOW_STOCK").queryParam("sku", a).queryParam("location", x)
                .get("/api/v1/rules/effective").then().statusCode(200)
                .body("id", equalTo(skuAndLocationRule)).body("threshold", equalTo(2));
        admin().queryParam("kind", "LOW_STOCK").queryParam("sku", b).queryParam("location", z)
                .get("/api/v1/rules/effective").then().statusCode(200)
                .body("id", equalTo(null)).body("threshold", equalTo(5)).body("cooldownSeconds", equalTo(900));
    }

    @Test
    void changingARuleAppliesFromTheNextEvent() {
        String sku = newSku();
        String rule = skuRule("LOW_STOCK", sku, 5L, 0);
        UUID notLow = UUID.randomUUID();
        kafka.sendStockChanged(stockChangedTopic, notLow, sku, "WH1", 1, 8); // not low under 5
        // the rule changes once that event is applied: changed before, it would judge that event too
        await().atMost(TIMEOUT).until(() -> processed(notLow));
        admin().body(Map.of("threshold", 10)).put("/api/v1/rules/" + rule).then().statusCode(200)
                .body("threshold", equalTo(10)).body("cooldownSeconds", equalTo(0)).body("kind", equalTo("LOW_STOCK"));
        stock(sku, "WH1", 2, 9); // low under 10

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(thresholds(sku)).containsExactly("WH1 9/10 " + rule));
    }

    // --- helpers

    private static boolean processed(UUID eventId) throws SQLException {
        try (Connection db = TestDatabase.connect();
                PreparedStatement query = db.prepareStatement("SELECT 1 FROM processed_event WHERE event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void stock(String sku, String location, long version, long available) {
        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, location, version, available);
    }

    private List<String> events(String sku) {
        return AlertTestSupport.events(kafka, alertsTopic, sku);
    }

    private List<String> lowStock(String sku) {
        return events(sku).stream().filter(e -> e.contains("LOW_STOCK")).toList();
    }

    private List<JsonNode> bodies(String sku) {
        return kafka.on(alertsTopic).stream().filter(r -> sku.equals(r.key()))
                .filter(r -> !AlertTestSupport.LEGACY_LOW_STOCK.equals(r.header("ce_type")))
                .map(AlertTestSupport::body).toList();
    }

    /** "location observed/threshold ruleId" of each LOW_STOCK opening of the SKU. */
    private List<String> thresholds(String sku) {
        return bodies(sku).stream().filter(b -> b.get("kind").asText().equals("LOW_STOCK"))
                .filter(b -> b.get("status").asText().equals("OPEN"))
                .map(b -> b.get("location").asText() + " " + b.get("observed").asLong() + "/"
                        + b.get("threshold").asLong() + " " + (b.get("ruleId").isNull() ? "null" : b.get("ruleId").asText()))
                .toList();
    }

}
