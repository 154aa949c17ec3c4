package io.stockline.alert;

import static io.stockline.alert.AlertTestSupport.admin;
import static io.stockline.alert.AlertTestSupport.newSku;
import static io.stockline.alert.AlertTestSupport.skuRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import io.stockline.alert.AlertTestSupport.Lot;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/** NEAR_EXPIRY from the lots of stock-changed events, and from the periodic sweep when no event comes. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class NearExpiryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.alerts")
    String alertsTopic;

    private KafkaProbe kafka;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(alertsTopic));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aLotInsideTheWindowOpensOnceAndResolvesWhenItIsGone() {
        String sku = newSku();
        Lot soon = new Lot("L1", today.plusDays(10), 5);
        Lot later = new Lot("L2", today.plusDays(40), 5); // outside the default 30 days
        Lot undated = new Lot("L3", null, 5);

        stock(sku, 1, 50, List.of(soon, later, undated)); // L1 opens
        stock(sku, 2, 49, List.of(new Lot("L1", today.plusDays(10), 4), later, undated)); // still near: nothing
        stock(sku, 3, 48, null); // no lots listed: what is known stays, nothing
        stock(sku, 4, 43, List.of(later, undated)); // L1 sold out: resolves

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(sku)).contains("resolved NEAR_EXPIRY@WH1/L1"));
        assertThat(events(sku)).containsExactly("opened NEAR_EXPIRY@WH1/L1", "resolved NEAR_EXPIRY@WH1/L1");
        JsonNode opened = AlertTestSupport.body(kafka.on(alertsTopic).stream().filter(r -> sku.equals(r.key()))
                .findFirst().orElseThrow());
        assertThat(opened.get("observed").asLong()).as("days left").isEqualTo(10);
        assertThat(opened.get("threshold").asLong()).isEqualTo(30);
        assertThat(opened.get("detail").asText()).contains(today.plusDays(10).toString());
    }

    @Test
    void anExpiredLotStillAlerts() {
        String sku = newSku();
        stock(sku, 1, 50, List.of(new Lot("OLD", today.minusDays(2), 3)));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(sku)).containsExactly("opened NEAR_EXPIRY@WH1/OLD"));
        JsonNode opened = AlertTestSupport.body(kafka.on(alertsTopic).stream().filter(r -> sku.equals(r.key()))
                .findFirst().orElseThrow());
        assertThat(opened.get("observed").asLong()).isEqualTo(-2);
        assertThat(opened.get("detail").asText()).contains("expired");
    }

    @Test
    void theSweepOpensALotThatEntersItsWindowWithoutAnyEvent() {
        String sku = newSku();
        String rule = skuRule("NEAR_EXPIRY", sku, 5L, 0);
        stock(sku, 1, 50, List.of(new Lot("L1", today.plusDays(10), 5))); // 10 days away, window 5: nothing

        // The window widening stands for days passing: no event comes, the periodic sweep must see it.
        admin().body(Map.of("threshold", 15)).put("/api/v1/rules/" + rule).then().statusCode(200);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(sku)).containsExactly("opened NEAR_EXPIRY@WH1/L1"));
    }

    @Test
    void daysPassingBringALotIntoItsWindowWithoutAnyEvent() {
        String sku = newSku();
        stock(sku, 1, 50, List.of(new Lot("L1", today.plusDays(35), 5))); // 35 days away, window 30: nothing
        // Same key, so consumed after the lot: once its alert is out, no event is left to open the lot's.
        AlertTestSupport.stockChanged(kafka, stockChangedTopic, UUID.randomUUID(), sku, "WH2", 1, 1, null);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(sku)).containsExactly("opened LOW_STOCK@WH2"));
        try {
            TestClock.advance(Duration.ofDays(10)); // 25 days left now: inside
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(sku))
                    .containsExactly("opened LOW_STOCK@WH2", "opened NEAR_EXPIRY@WH1/L1"));
        } finally {
            TestClock.reset();
        }
        JsonNode opened = AlertTestSupport.body(kafka.on(alertsTopic).stream().filter(r -> sku.equals(r.key()))
                .filter(r -> r.value().contains("NEAR_EXPIRY")).findFirst().orElseThrow());
        assertThat(opened.get("observed").asLong()).as("days left on the day the clock shows").isEqualTo(25);
    }

    private void stock(String sku, long version, long available, List<Lot> lots) {
        AlertTestSupport.stockChanged(kafka, stockChangedTopic, UUID.randomUUID(), sku, "WH1", version, available, lots);
    }

    private List<String> events(String sku) {
        return AlertTestSupport.events(kafka, alertsTopic, sku);
    }
}
