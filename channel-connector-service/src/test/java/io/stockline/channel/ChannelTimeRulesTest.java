package io.stockline.channel;

import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.domain.StockChanged.Lot;
import io.stockline.channel.service.ChannelSyncService;
import io.stockline.channel.service.TimeDependentRules;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;
import io.stockline.testsupport.Tokens;

/**
 * Two rules beyond a fixed buffer (issue 15 point 8), on the real database: a channel that withholds lots expiring
 * within N days, and a buffer sized from a SKU's demand during the channel's sync lag.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class ChannelTimeRulesTest {

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @Inject
    ChannelSyncService sync;

    @Inject
    TimeDependentRules timeRules;

    @Test
    void aChannelWithholdsTheUnitsOfLotsExpiringWithinItsWindowThatOrdersDoNotHold() throws Throwable {
        String location = newId("WH-EXP");
        String withholding = newId("exp30");
        String plain = newId("plain");
        String sku = "EXP-" + UUID.randomUUID().toString().substring(0, 8);
        createWebhookChannel(webhookBase, withholding, "\"locations\":[\"" + location + "\"],\"withholdExpiringWithinDays\":30")
                .statusCode(201).body("withholdExpiringWithinDays", equalTo(30));
        createWebhookChannel(webhookBase, plain, "\"locations\":[\"" + location + "\"]").statusCode(201);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        // 40 units expire in 5 days, 25 exactly at the window's end (day 30: outside), 35 in 100 days; orders hold 10,
        // which ship from the first-expiring lot: 30 of the 40 would be left to a buyer of this channel.
        apply(new StockChanged(UUID.randomUUID(), sku, location, 1, 90, "RECEIPT", 10L, List.of(
                new Lot("L-SOON", today.plusDays(5), 40), new Lot("L-EDGE", today.plusDays(30), 25),
                new Lot("L-LATE", today.plusDays(100), 35))));
        assertThat(wanted(withholding, sku)).isEqualTo(60);
        assertThat(wanted(plain, sku)).isEqualTo(90);

        // a reservation says nothing of lots: the stored lots stay, and the units it holds come out of the soon lot
        apply(new StockChanged(UUID.randomUUID(), sku, location, 2, 75, "RESERVE", 25L, null));
        assertThat(wanted(withholding, sku)).isEqualTo(60);
        assertThat(wanted(plain, sku)).isEqualTo(75);

        // the soon lot shipped: nothing expires within the window any more
        apply(new StockChanged(UUID.randomUUID(), sku, location, 3, 60, "SALE", 0L, List.of(
                new Lot("L-EDGE", today.plusDays(30), 25), new Lot("L-LATE", today.plusDays(100), 35))));
        assertThat(wanted(withholding, sku)).isEqualTo(60);
    }

    @Test
    void aDynamicBufferGrowsWithTheSkusDemandAndTheChannelsMeasuredLag() throws Throwable {
        String location = newId("WH-DYN");
        String dynamic = newId("dyn");
        String sku = "DYN-" + UUID.randomUUID().toString().substring(0, 8);
        // disabled: nothing is pushed, so the lag is the configured one (60 s) until one is measured
        createWebhookChannel(webhookBase, dynamic, "\"locations\":[\"" + location + "\"],\"enabled\":false,"
                + "\"dynamicBuffer\":{\"floor\":2,\"ceiling\":50}").statusCode(201)
                .body("dynamicBuffer.floor", equalTo(2)).body("dynamicBuffer.ceiling", equalTo(50));

        apply(new StockChanged(UUID.randomUUID(), sku, location, 1, 1000, "RECEIPT", 0L, null));
        assertThat(wanted(dynamic, sku)).as("no demand yet: the floor").isEqualTo(998);

        // 600 units taken by reservations, one fall against the stored number and one inside the batch: 600 an hour,
        // so 10 expected during a 60 s lag
        apply(new StockChanged(UUID.randomUUID(), sku, location, 2, 700, "RESERVE", 300L, null),
                new StockChanged(UUID.randomUUID(), sku, location, 3, 400, "RESERVE", 600L, null));
        assertThat(wanted(dynamic, sku)).isEqualTo(390);

        // a receipt is not demand
        apply(new StockChanged(UUID.randomUUID(), sku, location, 4, 500, "RECEIPT", 600L, null));
        assertThat(wanted(dynamic, sku)).isEqualTo(490);

        // the channel now takes 6 minutes to land a change: 60 expected, capped at the ceiling of 50
        measuredLag(dynamic, 360);
        assertThat(run(() -> timeRules.recompute(dynamic))).isEqualTo(1);
        assertThat(wanted(dynamic, sku)).isEqualTo(450);
    }

    @Test
    void nonsenseForTheNewRulesIsAProblemNamingTheField() {
        String body = """
                {"id":"%s","type":"WEBHOOK","endpoint":"%sx","credentials":"%s","dynamicBuffer":{"floor":9,"ceiling":3}}"""
                .formatted(newId("bad"), webhookBase, WebhookStub.SECRET_REF);
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/channels").then().statusCode(400).body(containsString("dynamicBuffer.ceiling"));
        createWebhookChannel(webhookBase, newId("bad"), "\"withholdExpiringWithinDays\":-1").statusCode(400)
                .body(containsString("withholdExpiringWithinDays"));
        createWebhookChannel(webhookBase, newId("bad"), "\"options\":{\"minCallIntervalMillis\":\"soon\"}").statusCode(400)
                .body(containsString("options.minCallIntervalMillis"));
        createWebhookChannel(webhookBase, newId("eager"), "\"options\":{\"minCallIntervalMillis\":\"0\"}").statusCode(201);
    }

    private void apply(StockChanged... events) throws Throwable {
        run(() -> sync.apply(List.of(events)));
    }

    private static <T> T run(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work::get);
    }

    private long wanted(String channel, String sku) throws Exception {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT wanted_quantity FROM sync_state WHERE channel = ? AND sku = ?")) {
            statement.setString(1, channel);
            statement.setString(2, sku);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("a wanted quantity for %s on %s", sku, channel).isTrue();
                return rows.getLong(1);
            }
        }
    }

    /** As if the channel's pushes of the last hour had landed {@code seconds} after their change. */
    private void measuredLag(String channel, int seconds) throws Exception {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = connection.prepareStatement("""
                        UPDATE sync_state SET pushed_quantity = wanted_quantity, pushed_version = wanted_version,
                            pushed_at = now(), wanted_at = now() - make_interval(secs => ?) WHERE channel = ?""")) {
            statement.setInt(1, seconds);
            statement.setString(2, channel);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
