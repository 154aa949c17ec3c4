package io.stockline.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.stockline.channel.ChannelTesting.calls;
import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static io.stockline.channel.ChannelTesting.pushes;
import static io.stockline.channel.ChannelTesting.quantities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.messaging.StockChangedConsumer;
import io.stockline.channel.service.PipelineTimings;
import io.stockline.channel.service.Reconciler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;
import io.restassured.http.ContentType;
import io.stockline.testsupport.Tokens;

/**
 * inventory.stock-changed and inventory.items on the real broker in, webhook channels (WireMock) out, read model
 * and sync state in a fresh PostgreSQL database. Every test makes channels of its own through the API.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class ChannelSyncFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.items")
    String itemsTopic;

    @ConfigProperty(name = "stockline.topics.sync-status")
    String syncStatusTopic;

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @InjectWireMock
    WireMockServer webhooks;

    @Inject
    Reconciler reconciler;

    @Inject
    StockChangedConsumer stockChangedConsumer;

    @Inject
    MeterRegistry meters;

    private KafkaProbe kafka;
    // Locations of each test's own, so that channels see only the test's stock
    private String wh1;
    private String wh2;
    private String wh3;

    @BeforeEach
    void watch() {
        wh1 = newId("WH1");
        wh2 = newId("WH2");
        wh3 = newId("WH3");
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(stockChangedTopic + ".dlq", itemsTopic + ".dlq", syncStatusTopic));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aStockChangePushesTheAvailableStockLessTheBufferSignedWithTheChannelSecret() throws Exception {
        String channel = channel("\"buffer\":{\"amount\":2,\"unit\":\"UNITS\"}");
        String sku = newSku();

        stockChanged(sku, wh1, 3, 10);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(8L));
        ServeEvent call = pushes(webhooks, channel, sku).get(0).event();
        String body = call.getRequest().getBodyAsString();
        String signature = call.getRequest().getHeader("X-Stockline-Signature");
        String timestamp = signature.replaceFirst("^t=(\\d+),.*$", "$1");
        assertThat(signature).isEqualTo("t=" + timestamp + ",v1=" + hmac(timestamp + "." + body));
        JsonNode update = ChannelTesting.body(call).path("updates").get(0);
        assertThat(update.path("listingId").asText()).as("no mapping: the SKU is the listing").isEqualTo(sku);
        // The call's key is derived from its updates' keys (channel:sku:version), so a retried call repeats it.
        assertThat(call.getRequest().getHeader("Idempotency-Key")).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncRow(channel, sku))
                .containsEntry("wantedQuantity", 8).containsEntry("pushedQuantity", 8).containsEntry("lastError", null));
        // where its time went is on /q/metrics: the batch that applied it and each phase of the step that pushed it
        assertThat(meters.get(PipelineTimings.BATCH_APPLY).timer().count()).isPositive();
        assertThat(meters.get(PipelineTimings.BATCH_WAIT).timer().count()).isPositive();
        assertThat(meters.get(PipelineTimings.BATCH_DELIVERY).timer().count()).isPositive();
        for (String phase : List.of("claim", "push", "outcome")) {
            assertThat(meters.get(PipelineTimings.STEP).tag("channel", channel).tag("phase", phase).timer().count())
                    .as(phase).isPositive();
        }
    }

    @Test
    void theMarketplaceCallContinuesTheTraceOfTheStockChange() {
        String channel = channel("");
        String sku = newSku();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String producerSpan = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, wh1, 1, 6,
                Map.of("traceparent", "00-" + traceId + "-" + producerSpan + "-01"));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(6L));
        String traceparent = pushes(webhooks, channel, sku).get(0).event().getRequest().getHeader("traceparent");
        // The same trace, a span of the connector's own (the HTTP client's, under the push span), sampled.
        assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain(producerSpan);
    }

    @Test
    void aChangeWithoutTraceContextIsPushedInATraceOfItsOwn() {
        String channel = channel("");
        String sku = newSku();

        stockChanged(sku, wh1, 1, 4);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(4L));
        assertThat(pushes(webhooks, channel, sku).get(0).event().getRequest().getHeader("traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void aDuplicateOrAStaleEventPushesNothingMore() {
        String channel = channel("\"buffer\":{\"amount\":2,\"unit\":\"UNITS\"}");
        String sku = newSku();
        UUID first = stockChanged(sku, wh1, 2, 10);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(8L));

        // The same event again, even dressed up as newer: its id was applied already.
        kafka.sendStockChanged(stockChangedTopic, first, sku, wh1, 3, 20);
        // A fresh event of an older version than the one applied.
        stockChanged(sku, wh1, 1, 30);
        // Same SKU, same partition: once this one is pushed, the two before it have been consumed.
        stockChanged(sku, wh1, 4, 15);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).contains(13L));
        assertThat(quantities(webhooks, channel, sku)).containsExactly(8L, 13L);
    }

    @Test
    void aBurstOfChangesPushesTheLatestQuantityInFewerCallsOneCallAtATime() {
        String channel = channel("");
        // A slow marketplace: changes pile up while a call is in flight and go out together, the latest value once.
        webhooks.stubFor(post(urlEqualTo("/hooks/" + channel)).atPriority(1)
                .willReturn(aResponse().withStatus(204).withFixedDelay(300)));
        String sku = newSku();
        List<String> others = List.of(newSku(), newSku(), newSku());
        int changes = 40;

        for (int version = 1; version <= changes; version++) {
            stockChanged(sku, wh1, version, version);
            if (version % 10 == 0) {
                stockChanged(others.get(version / 10 - 1 < others.size() ? version / 10 - 1 : 0), wh1, version, version);
            }
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncRow(channel, sku))
                .containsEntry("wantedQuantity", changes).containsEntry("pushedQuantity", changes));
        List<Long> pushed = quantities(webhooks, channel, sku);
        assertThat(pushed).last().isEqualTo((long) changes);
        assertThat(pushed).hasSizeLessThan(changes).isSorted();
        // One call in flight per channel: each call starts after the one before it was answered.
        List<ServeEvent> calls = calls(webhooks, channel);
        for (int i = 1; i < calls.size(); i++) {
            long gap = calls.get(i).getRequest().getLoggedDate().getTime() - calls.get(i - 1).getRequest().getLoggedDate().getTime();
            assertThat(gap).as("gap between call %d and %d", i - 1, i).isGreaterThanOrEqualTo(290);
        }
        System.out.printf("burst: %d changes of one SKU -> %d pushes of it in %d calls%n", changes, pushed.size(), calls.size());
    }

    @Test
    void twoChannelsWithDifferentLocationsAndRulesGetTheirOwnNumbers() {
        String store = channel("\"locations\":[\"%s\"],\"buffer\":{\"amount\":1,\"unit\":\"UNITS\"}".formatted(wh1));
        String marketplace = channel(("\"locations\":[\"%s\",\"%s\"],\"buffer\":{\"amount\":25,\"unit\":\"PERCENT\"},"
                + "\"maxQuantity\":20,\"zeroOutThreshold\":2").formatted(wh1, wh2));
        String sku = newSku();

        stockChanged(sku, wh1, 1, 10);
        stockChanged(sku, wh2, 1, 6);
        stockChanged(sku, wh3, 1, 100); // feeds neither

        // store: 10 - 1 = 9; marketplace: 16 - ceil(4) = 12
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(syncRow(store, sku)).containsEntry("pushedQuantity", 9);
            assertThat(syncRow(marketplace, sku)).containsEntry("pushedQuantity", 12);
        });
        stockChanged(sku, wh1, 2, 1);
        stockChanged(sku, wh2, 2, 2);
        // store: 1 - 1 = 0; marketplace: 3 - ceil(0.75) = 2, at the threshold -> 0
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(quantities(webhooks, store, sku)).last().isEqualTo(0L);
            assertThat(quantities(webhooks, marketplace, sku)).last().isEqualTo(0L);
        });
        assertThat(quantities(webhooks, store, sku)).doesNotContain(100L, 99L);
    }

    @Test
    void aDiscontinuedItemIsPushedAsZeroAndAStaleRevisionChangesNothing() {
        String channel = channel("");
        String sku = newSku();
        stockChanged(sku, wh1, 1, 5);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(5L));

        itemChanged(sku, "DISCONTINUED", 2);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(5L, 0L));

        itemChanged(sku, "ACTIVE", 1); // older than the revision applied
        stockChanged(sku, wh1, 2, 9); // more stock of a discontinued item: still 0
        itemChanged(sku, "DISCONTINUED", 3); // same partition, after the two above
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncRow(channel, sku)).containsEntry("wantedQuantity", 0));
        String other = newSku();
        stockChanged(other, wh1, 1, 4);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, other)).containsExactly(4L));
        assertThat(quantities(webhooks, channel, sku)).containsExactly(5L, 0L);

        itemChanged(sku, "ACTIVE", 4);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(5L, 0L, 9L));
    }

    @Test
    void anExcludedSkuIsNeverPushedAndAnOverrideAppliesToItsSkuOnly() {
        String excluded = newSku();
        String capped = newSku();
        String plain = newSku();
        String channel = channel("\"skuRules\":{\"%s\":{\"excluded\":true},\"%s\":{\"maxQuantity\":3}}".formatted(excluded, capped));
        String witness = channel(""); // sells everything: proves the excluded SKU's events were read

        stockChanged(excluded, wh1, 1, 10);
        stockChanged(capped, wh1, 1, 10);
        stockChanged(plain, wh1, 1, 10);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(quantities(webhooks, witness, excluded)).containsExactly(10L);
            assertThat(quantities(webhooks, channel, capped)).containsExactly(3L);
            assertThat(quantities(webhooks, channel, plain)).containsExactly(10L);
        });
        assertThat(quantities(webhooks, channel, excluded)).isEmpty();
        assertThat(syncRows(channel, excluded)).isEmpty();
    }

    /**
     * Vert.x words a timeout with the request's path ("... while executing POST /hooks/…/&lt;token&gt; for server
     * ..."): the channel's status, its sync rows and its sync-status events name the kind of failure and the host.
     */
    @Test
    void aReceiverThatTimesOutIsReportedByItsHostNotItsPath() {
        String channel = newId("slow");
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        String path = "/hooks/" + channel + "/T000/" + token;
        webhooks.stubFor(post(urlEqualTo(path)).atPriority(1)
                .willReturn(aResponse().withStatus(204).withFixedDelay(2_000)));
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON).body("""
                {"id":"%s","type":"WEBHOOK","endpoint":"%s","credentials":"%s","locations":["%s"],
                "options":{"timeoutMillis":"300","retryMaxAttempts":"1"}}"""
                .formatted(channel, webhookBase + channel + "/T000/" + token, WebhookStub.SECRET_REF, wh1))
                .post("/api/v1/channels").then().statusCode(201);
        String sku = newSku();

        stockChanged(sku, wh1, 1, 7);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(status(channel).getString("lastError")).isNotNull());
        assertThat(status(channel).getString("lastError")).contains("timed out after 300 ms (localhost)")
                .doesNotContain(token).doesNotContain("T000");
        assertThat(syncRow(channel, sku)).hasEntrySatisfying("lastError", error -> assertThat((String) error)
                .contains("timed out after 300 ms (localhost)").doesNotContain(token));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(syncStatusTopic).stream()
                .filter(event -> channel.equals(event.key()))
                .map(event -> ChannelTesting.body(event.value()).path("lastError").asText("")))
                .anyMatch(error -> error.contains("timed out after 300 ms (localhost)"))
                .noneMatch(error -> error.contains(token)));
        given().header("Authorization", Tokens.bearer("admin")).delete("/api/v1/channels/{id}", channel).then()
                .statusCode(204);
    }

    @Test
    void aFailingMarketplaceIsRetriedWithBackOffAndReportedThenRecovers() {
        // The connector's circuit breaker opens under the outage; a short delay lets it close soon after.
        String channel = channel("\"options\":{\"circuitDelayMillis\":\"500\"}");
        var outage = webhooks.stubFor(post(urlEqualTo("/hooks/" + channel)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
        String sku = newSku();

        stockChanged(sku, wh1, 1, 7);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonPath status = status(channel);
            assertThat(status.getString("state")).isIn("FAILING", "CIRCUIT_OPEN");
            assertThat(status.getInt("consecutiveFailures")).isGreaterThanOrEqualTo(3);
            assertThat(status.getInt("failuresLastHour")).isGreaterThanOrEqualTo(3);
            assertThat(status.getLong("pending")).isEqualTo(1L);
            assertThat(status.getString("lastError")).contains("503");
        });
        assertThat(syncRow(channel, sku)).containsEntry("pushedQuantity", null)
                .hasEntrySatisfying("lastError", error -> assertThat((String) error).contains("503"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(statusEvents(channel)).containsAnyOf("FAILING", "CIRCUIT_OPEN"));

        webhooks.removeStub(outage);

        // No new stock event arrives: the worker's retries bring the channel to the right number.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonPath status = status(channel);
            assertThat(status.getString("state")).isEqualTo("OK");
            assertThat(status.getInt("consecutiveFailures")).isZero();
            assertThat(status.getLong("pending")).isZero();
            assertThat(status.getString("lastSuccessAt")).isNotNull();
        });
        assertThat(syncRow(channel, sku)).containsEntry("pushedQuantity", 7).containsEntry("lastError", null);
        assertThat(calls(webhooks, channel)).last().satisfies(call -> assertThat(call.getResponse().getStatus()).isEqualTo(204));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<String> states = statusEvents(channel);
            int failing = states.indexOf("FAILING") >= 0 ? states.indexOf("FAILING") : states.indexOf("CIRCUIT_OPEN");
            assertThat(states.subList(failing, states.size())).contains("OK");
        });
        // Every call that failed carried the same idempotency key: the same version was retried.
        assertThat(pushes(webhooks, channel, sku).stream().map(ChannelTesting.Push::idempotencyKey).distinct()).hasSize(1);
    }

    @Test
    void aRejectedCallRecordsTheErrorAndThrottlingIsHonoured() {
        String channel = channel("");
        var throttled = webhooks.stubFor(post(urlEqualTo("/hooks/" + channel)).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        String sku = newSku();

        stockChanged(sku, wh1, 1, 3);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(calls(webhooks, channel)).hasSizeGreaterThanOrEqualTo(2));
        List<ServeEvent> calls = calls(webhooks, channel);
        long gap = calls.get(1).getRequest().getLoggedDate().getTime() - calls.get(0).getRequest().getLoggedDate().getTime();
        assertThat(gap).as("the second call waits for Retry-After").isGreaterThanOrEqualTo(900);
        webhooks.removeStub(throttled);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncRow(channel, sku)).containsEntry("pushedQuantity", 3));
    }

    @Test
    void reconciliationRepairsDrift() throws Throwable {
        String channel = channel("");
        String sku = newSku();
        stockChanged(sku, wh1, 1, 5);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncRow(channel, sku)).containsEntry("pushedQuantity", 5));

        // What a read-back-capable marketplace would report: it holds 2, not 5. The repair does not depend on the connector.
        int drifted = VertxContextSupport.subscribeAndAwait(() -> reconciler.repair(channel, Map.of(sku, 2L)));
        assertThat(drifted).isEqualTo(1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(5L, 5L));
        List<String> keys = pushes(webhooks, channel, sku).stream().map(ChannelTesting.Push::idempotencyKey).toList();
        assertThat(keys.get(1)).as("the repair is a new version").isNotEqualTo(keys.get(0));
        // A marketplace that holds the right number is left alone.
        assertThat(VertxContextSupport.<Integer>subscribeAndAwait(() -> reconciler.repair(channel, Map.of(sku, 5L)))).isZero();

        // Our own state lost a pair (say, restored from an old backup): reconciling recomputes it from the read model.
        execute("DELETE FROM sync_state WHERE channel = ? AND sku = ?", channel, sku);
        given().header("Authorization", Tokens.bearer("admin")).post("/api/v1/channels/{id}/reconcile", channel)
                .then().statusCode(202);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(5L, 5L, 5L));
    }

    @Test
    void aPairLeftPendingByAStoppedInstanceIsPushedWithoutANewEvent() throws Exception {
        String channel = channel("");
        String sku = newSku();
        // What a crash between the change and the push leaves behind: a wanted quantity nobody pushed.
        execute("INSERT INTO sync_state (channel, sku, wanted_quantity) VALUES (?, ?, 6)", channel, sku);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(6L));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncRow(channel, sku)).containsEntry("pushedQuantity", 6));
    }

    @Test
    void zeroOutsGoFirst() throws Exception {
        String channel = channel("\"enabled\":false");
        List<String> skus = List.of(newSku(), newSku(), newSku());
        execute("INSERT INTO sync_state (channel, sku, wanted_quantity, pending_since) VALUES (?, ?, 4, now() - interval '3 minutes')",
                channel, skus.get(0));
        execute("INSERT INTO sync_state (channel, sku, wanted_quantity, pending_since) VALUES (?, ?, 0, now())", channel, skus.get(1));
        execute("INSERT INTO sync_state (channel, sku, wanted_quantity, pending_since) VALUES (?, ?, 7, now() - interval '2 minutes')",
                channel, skus.get(2));
        // Enabling the channel lets its worker take the three in one call, in the order of work.
        String body = """
                {"type":"WEBHOOK","endpoint":"%s%s","credentials":"%s","locations":["%s"],"enabled":true}""".formatted(
                webhookBase, channel, WebhookStub.SECRET_REF, wh1);
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body(body)
                .put("/api/v1/channels/{id}", channel).then().statusCode(200);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pushes(webhooks, channel, null)).hasSize(3));
        assertThat(pushes(webhooks, channel, null)).extracting(ChannelTesting.Push::sku)
                .containsExactly(skus.get(1), skus.get(0), skus.get(2));
    }

    @Test
    void aShopifyWorkerFillsShopifysDocumentedBatchOf250QuantitiesACall() throws Exception {
        String id = newId("shop");
        String graphql = "/hooks/" + id + "/admin/api/2026-04/graphql.json";
        webhooks.stubFor(post(urlEqualTo(graphql)).withRequestBody(containing("inventorySetQuantities")).willReturn(okJson("""
                {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":{"id":"gid://shopify/InventoryAdjustmentGroup/1"},"userErrors":[]}},
                 "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,
                   "throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":990,"restoreRate":100.0}}}}""")));
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON).body("""
                {"id":"%s","type":"SHOPIFY","endpoint":"%s%s","credentials":"%s","enabled":false,
                 "options":{"locationId":"gid://shopify/Location/1"},"locations":["%s"]}"""
                .formatted(id, webhookBase, id, WebhookStub.SHOP_REF, wh1))
                .post("/api/v1/channels").then().statusCode(201);
        List<String> skus = java.util.stream.IntStream.range(0, 260).mapToObj(unused -> newSku()).toList();
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                .body(java.util.stream.IntStream.range(0, skus.size()).mapToObj(i -> "{\"sku\":\"%s\",\"listingId\":\"gid://shopify/InventoryItem/%d\"}"
                        .formatted(skus.get(i), 700000 + i)).collect(java.util.stream.Collectors.joining(",", "[", "]")))
                .post("/api/v1/channels/{id}/listings", id).then().statusCode(200);
        for (String sku : skus) {
            execute("INSERT INTO sync_state (channel, sku, wanted_quantity, pending_since) VALUES (?, ?, 4, now())", id, sku);
        }

        // Enabled with 260 due: Shopify's inventorySetQuantities takes 250 quantities, so two calls, not three of 100.
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON).body("""
                {"type":"SHOPIFY","endpoint":"%s%s","credentials":"%s","enabled":true,
                 "options":{"locationId":"gid://shopify/Location/1"},"locations":["%s"]}"""
                .formatted(webhookBase, id, WebhookStub.SHOP_REF, wh1))
                .put("/api/v1/channels/{id}", id).then().statusCode(200);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantitiesPerCall(graphql).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(skus.size()));
        assertThat(quantitiesPerCall(graphql)).containsExactlyInAnyOrder(250, 10);
    }

    /** How many quantities each inventorySetQuantities call to this path carried, one number per call. */
    private List<Integer> quantitiesPerCall(String graphql) {
        return webhooks.findAll(postRequestedFor(urlEqualTo(graphql))).stream()
                .map(request -> request.getBodyAsString()).filter(body -> body.contains("inventorySetQuantities"))
                .map(body -> body.split("\"inventoryItemId\"", -1).length - 1).toList();
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String channel = channel("");
        String sku = newSku();

        kafka.sendRaw(stockChangedTopic, sku, "not json");
        stockChanged(sku, wh1, 1, 5);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(stockChangedTopic + ".dlq"))
                .anySatisfy(dead -> {
                    assertThat(dead.key()).isEqualTo(sku);
                    assertThat(dead.value()).isEqualTo("not json");
                    assertThat(dead.header("dead-letter-reason")).isNotBlank();
                }));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(5L));
        assertThat(kafka.on(stockChangedTopic + ".dlq")).filteredOn(dead -> sku.equals(dead.key())).hasSize(1);

        // The same for inventory.items: the bad record is set aside, the next one is applied.
        kafka.sendRaw(itemsTopic, sku, "{\"sku\":");
        itemChanged(sku, "DISCONTINUED", 1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(itemsTopic + ".dlq"))
                .anySatisfy(dead -> {
                    assertThat(dead.key()).isEqualTo(sku);
                    assertThat(dead.header("dead-letter-reason")).isNotBlank();
                }));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(5L, 0L));
    }

    /**
     * A record that reads well but that the database can never store (a NUL in its SKU) fails its batch the same way
     * every time: the batch is applied record by record at once (a data exception never clears), the bad one goes to the DLQ with the
     * reason, and the records around it are applied. (The DLQ and the pushes are the real ones.)
     */
    @Test
    void aRecordTheDatabaseRefusesGoesToTheDeadLetterTopicAloneAndItsBatchMatesAreApplied() {
        String channel = channel("");
        String before = newSku();
        String after = newSku();
        String refused = newSku() + "\\u0000";

        // One batch for certain: handed to the consumer method as the connector would hand over one poll's records.
        ConsumerRecords<String, String> batch = new ConsumerRecords<>(Map.of(new TopicPartition(stockChangedTopic, 0),
                List.of(stockChangedRecord(0, before, 3), stockChangedRecord(1, refused, 4), stockChangedRecord(2, after, 6))));
        try {
            VertxContextSupport.subscribeAndAwait(() -> stockChangedConsumer.consume(batch));
        } catch (Throwable failure) {
            throw new AssertionError("the batch was not taken", failure);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(stockChangedTopic + ".dlq"))
                .anySatisfy(dead -> {
                    assertThat(dead.key()).isEqualTo(refused);
                    assertThat(dead.header("dead-letter-reason")).contains("cannot store", "0x00");
                }));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(quantities(webhooks, channel, before)).containsExactly(3L);
            assertThat(quantities(webhooks, channel, after)).containsExactly(6L);
        });
        assertThat(kafka.on(stockChangedTopic + ".dlq")).extracting(KafkaProbe.Received::key)
                .doesNotContain(before, after).containsOnlyOnce(refused);
    }

    /**
     * Polls that come while a group is applied are gathered into the next group, one transaction. When that group holds
     * a record the database refuses, the refused one alone goes to the DLQ and every other record of every poll in the
     * group is applied.
     */
    @Test
    void aRefusedRecordInAGatheredGroupOfPollsGoesToTheDeadLetterTopicAloneAndTheOtherPollsAreApplied() {
        String channel = channel("");
        String first = newSku();
        String gathered = newSku();
        String before = newSku();
        String after = newSku();
        String refused = newSku() + "\u0000";
        TopicPartition partition = new TopicPartition(stockChangedTopic, 0);

        // The first poll starts a group at once; the two after it, taken while it is applied, are gathered into one.
        List<ConsumerRecords<String, String>> polls = List.of(
                new ConsumerRecords<>(Map.of(partition, List.of(stockChangedRecord(0, first, 7)))),
                new ConsumerRecords<>(Map.of(partition, List.of(stockChangedRecord(1, gathered, 8)))),
                new ConsumerRecords<>(Map.of(partition, List.of(stockChangedRecord(2, before, 3),
                        stockChangedRecord(3, refused, 4), stockChangedRecord(4, after, 6)))));
        try {
            VertxContextSupport.subscribeAndAwait(() -> Uni.join()
                    .all(polls.stream().map(stockChangedConsumer::consume).toList()).andFailFast());
        } catch (Throwable failure) {
            throw new AssertionError("the polls were not taken", failure);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(quantities(webhooks, channel, first)).containsExactly(7L);
            assertThat(quantities(webhooks, channel, gathered)).containsExactly(8L);
            assertThat(quantities(webhooks, channel, before)).containsExactly(3L);
            assertThat(quantities(webhooks, channel, after)).containsExactly(6L);
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(stockChangedTopic + ".dlq"))
                .extracting(KafkaProbe.Received::key).contains(refused));
        assertThat(kafka.on(stockChangedTopic + ".dlq")).extracting(KafkaProbe.Received::key)
                .doesNotContain(first, gathered, before, after).containsOnlyOnce(refused);
    }

    @Test
    void eventsWhoseNumbersMakeNoSenseAreDeadLetteredWithTheReasonAndChangeNothing() {
        String channel = channel("");
        String fine = newSku();
        String negative = newSku();
        String leaping = newSku();
        stockChanged(leaping, wh1, 1, 5);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, leaping)).containsExactly(5L));

        // a forged version far past the known one would make every real change after it look stale
        ConsumerRecords<String, String> batch = new ConsumerRecords<>(Map.of(new TopicPartition(stockChangedTopic, 0),
                List.of(stockChangedRecord(0, fine, 1, 7, 7), stockChangedRecord(1, negative, 1, -5, 3),
                        stockChangedRecord(2, leaping, 5_000_000_000L, 900, 900))));
        try {
            VertxContextSupport.subscribeAndAwait(() -> stockChangedConsumer.consume(batch));
        } catch (Throwable failure) {
            throw new AssertionError("the batch was not taken", failure);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(kafka.on(stockChangedTopic + ".dlq")).anySatisfy(dead -> {
                assertThat(dead.key()).isEqualTo(negative);
                assertThat(dead.header("dead-letter-reason")).contains("/onHand", "minimum value of 0");
            });
            assertThat(kafka.on(stockChangedTopic + ".dlq")).anySatisfy(dead -> {
                assertThat(dead.key()).isEqualTo(leaping);
                assertThat(dead.header("dead-letter-reason")).contains("more than 1000000 past the known 1");
            });
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, fine)).containsExactly(7L));
        // the real next change of the SKU is still applied: the forged version never got in
        stockChanged(leaping, wh1, 2, 4);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, leaping)).containsExactly(5L, 4L));
        assertThat(quantities(webhooks, channel, negative)).isEmpty();
    }

    // --- helpers

    /** A webhook channel selling from wh1 unless {@code extra} names its locations. */
    @Test
    void aVersionWhoseOutcomeWasNeverRecordedIsPushedAgainEvenAtAnEqualQuantity() throws Exception {
        String channel = channel("");
        String sku = newSku();
        stockChanged(sku, wh1, 1, 10);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(10L));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncRow(channel, sku)).containsEntry("pushedVersion", 1));

        // As after 10 -> 11 -> 10 where the call carrying 11 reached the marketplace but its outcome was lost with
        // a failed transaction: the wanted quantity equals the last recorded one, only the version moved on.
        execute("UPDATE sync_state SET wanted_version = wanted_version + 2 WHERE channel = ? AND sku = ?", channel, sku);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(quantities(webhooks, channel, sku)).containsExactly(10L, 10L));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncRow(channel, sku)).containsEntry("pushedVersion", 3));
    }

    @Test
    void aShopifySkuWithoutAListingIsLookedUpBySkuStoredAndPushedAndAMissingOrAmbiguousOneIsRefusedNeverGuessed() {
        String id = newId("shop");
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON).body("""
                {"id":"%s","type":"SHOPIFY","endpoint":"%s%s","credentials":"%s",
                 "options":{"locationId":"gid://shopify/Location/1"},"locations":["%s"]}"""
                .formatted(id, webhookBase, id, WebhookStub.SHOP_REF, wh1))
                .post("/api/v1/channels").then().statusCode(201);
        String found = newSku();
        String missing = newSku();
        String ambiguous = newSku();
        String pinned = newSku();
        String graphql = "/hooks/" + id + "/admin/api/2026-04/graphql.json";
        webhooks.stubFor(post(urlEqualTo(graphql)).withRequestBody(containing("StocklineVariantsBySku")).willReturn(okJson("""
                {"data":{"productVariants":{"nodes":[
                  {"id":"gid://shopify/ProductVariant/11","sku":"%s","inventoryItem":{"id":"gid://shopify/InventoryItem/111"}},
                  {"id":"gid://shopify/ProductVariant/21","sku":"%s","inventoryItem":{"id":"gid://shopify/InventoryItem/211"}},
                  {"id":"gid://shopify/ProductVariant/22","sku":"%s","inventoryItem":{"id":"gid://shopify/InventoryItem/222"}},
                  {"id":"gid://shopify/ProductVariant/31","sku":"%s","inventoryItem":{"id":"gid://shopify/InventoryItem/999"}}]}},
                 "extensions":{"cost":{"requestedQueryCost":102,"actualQueryCost":6,
                   "throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":994,"restoreRate":50.0}}}}"""
                .formatted(found, ambiguous, ambiguous, pinned))));
        webhooks.stubFor(post(urlEqualTo(graphql)).withRequestBody(containing("inventorySetQuantities")).willReturn(okJson("""
                {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":{"id":"gid://shopify/InventoryAdjustmentGroup/1"},"userErrors":[]}}}""")));
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                .body("[{\"sku\":\"%s\",\"listingId\":\"gid://shopify/InventoryItem/555\"}]".formatted(pinned))
                .post("/api/v1/channels/{id}/listings", id).then().statusCode(200);

        stockChanged(found, wh1, 1, 7);
        stockChanged(missing, wh1, 1, 3);
        stockChanged(ambiguous, wh1, 1, 4);
        stockChanged(pinned, wh1, 1, 5);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(syncRow(id, found).get("pushedQuantity")).isEqualTo(7);
            assertThat(syncRow(id, pinned).get("pushedQuantity")).isEqualTo(5);
            assertThat(String.valueOf(syncRow(id, missing).get("lastError"))).contains("MISSING", "no Shopify variant has SKU " + missing);
            assertThat(String.valueOf(syncRow(id, ambiguous).get("lastError"))).contains("AMBIGUOUS", "2 Shopify variants have SKU " + ambiguous);
        });
        assertThat(syncRow(id, missing).get("rejected")).isEqualTo(true);
        assertThat(syncRow(id, ambiguous).get("rejected")).isEqualTo(true);
        assertThat(syncRow(id, found).get("listingId")).isEqualTo("gid://shopify/InventoryItem/111");
        JsonPath listings = given().header("Authorization", Tokens.bearer("viewer")).get("/api/v1/channels/{id}/listings", id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(listings.getList("sku")).containsExactlyInAnyOrder(found, pinned);
        assertThat(listings.getString("find { it.sku == '%s' }.source".formatted(found))).isEqualTo("FOUND");
        assertThat(listings.getString("find { it.sku == '%s' }.foundAt".formatted(found))).isNotNull();
        assertThat(listings.getString("find { it.sku == '%s' }.source".formatted(pinned))).isEqualTo("IMPORTED");
        assertThat(listings.getString("find { it.sku == '%s' }.listingId".formatted(pinned)))
                .as("an imported mapping wins over what a lookup would find").isEqualTo("gid://shopify/InventoryItem/555");
        List<String> pushedItems = webhooks.findAll(postRequestedFor(urlEqualTo(graphql))).stream()
                .map(request -> request.getBodyAsString()).filter(body -> body.contains("inventorySetQuantities")).toList();
        assertThat(String.join("\n", pushedItems)).as("pushed to the found and the pinned item, nothing guessed")
                .contains("gid://shopify/InventoryItem/111", "gid://shopify/InventoryItem/555")
                .doesNotContain("InventoryItem/211", "InventoryItem/222", "InventoryItem/999");
        assertThat(webhooks.findAll(postRequestedFor(urlEqualTo(graphql))).stream().map(request -> request.getBodyAsString())
                .filter(body -> body.contains("StocklineVariantsBySku")))
                .as("a pinned SKU is never looked up").noneMatch(body -> body.contains(pinned));
    }

    private String channel(String extra) {
        String id = newId("hook");
        String locations = "\"locations\":[\"" + wh1 + "\"]";
        String members = extra.contains("\"locations\"") ? extra : extra.isBlank() ? locations : locations + "," + extra;
        createWebhookChannel(webhookBase, id, members).statusCode(201);
        return id;
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ConsumerRecord<String, String> stockChangedRecord(long offset, String sku, long available) {
        return stockChangedRecord(offset, sku, 1, available, available);
    }

    private ConsumerRecord<String, String> stockChangedRecord(long offset, String sku, long version, long onHand, long available) {
        String id = UUID.randomUUID().toString();
        String json = """
                {"eventId":"%s","sku":"%s","location":"%s","version":%d,"movementType":"ADJUSTMENT","movementId":1,\
                "onHand":%d,"available":%d,"committed":0,"reserved":0,"damaged":0,"qualityControl":0,"safetyStock":0,\
                "incoming":0,"inTransit":0,"occurredAt":"2026-11-23T10:00:00Z"}""".formatted(id, sku, wh1, version, onHand, available);
        ConsumerRecord<String, String> record = new ConsumerRecord<>(stockChangedTopic, 0, offset, sku, json);
        record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "io.stockline.inventory.stock-changed.v1".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private UUID stockChanged(String sku, String location, long version, long available) {
        return kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, location, version, available);
    }

    private void itemChanged(String sku, String status, long revision) {
        String id = UUID.randomUUID().toString();
        kafka.sendCloudEvent(itemsTopic, sku, "io.stockline.inventory.item-changed.v1", id, """
                {"eventId":"%s","sku":"%s","name":"Item %s","kind":"STANDARD","status":"%s","lotTracked":false,
                "backorderAllowed":false,"revision":%d,"occurredAt":"2026-11-23T10:00:00Z"}""".formatted(id, sku, sku, status, revision));
    }

    private static JsonPath status(String channel) {
        return given().header("Authorization", Tokens.bearer("viewer")).get("/api/v1/channels/{id}/status", channel)
                .then().statusCode(200).extract().jsonPath();
    }

    private List<String> statusEvents(String channel) {
        return kafka.on(syncStatusTopic).stream().filter(event -> channel.equals(event.key()))
                .peek(event -> assertThat(event.header("ce_type")).isEqualTo("io.stockline.channel.sync-status.v1"))
                .map(event -> ChannelTesting.body(event.value()).path("state").asText()).toList();
    }

    private static List<Map<String, Object>> syncRows(String channel, String sku) {
        return given().header("Authorization", Tokens.bearer("viewer")).queryParam("sku", sku)
                .get("/api/v1/channels/{id}/sync", channel).then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static Map<String, Object> syncRow(String channel, String sku) {
        List<Map<String, Object>> rows = syncRows(channel, sku);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private void execute(String sql, String... parameters) throws SQLException {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WebhookStub.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
