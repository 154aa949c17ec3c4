package io.stockline.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import org.awaitility.Awaitility;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.stockline.channel.connector.RevisionCap;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.repository.SyncStateRepository;
import io.stockline.channel.service.ChannelAdminService;
import io.stockline.channel.service.PushPipeline;
import io.restassured.http.ContentType;
import io.stockline.platform.sql.Transactions;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;
import io.stockline.testsupport.Tokens;

/**
 * eBay's 250 revisions per listing per calendar day (Pacific time): the worker counts every listing it sends in the
 * database before the call, and holds a listing's pushes from 240 on until the day rolls over, keeping the latest
 * wanted quantity. On a disabled channel no worker touches, so the test drives the pipeline's step itself.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class RevisionCapTest {

    @Inject
    Transactions transactions;

    private static final RevisionCap EBAY = new RevisionCap(250, 240, ZoneId.of("America/Los_Angeles"));

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @Inject
    PushPipeline pipeline;

    @Inject
    ChannelAdminService admin;

    @Inject
    SyncStateRepository syncState;

    @InjectWireMock
    WireMockServer marketplace;

    private ChannelSettings channel() throws Throwable {
        String channelId = newId("revisions");
        createWebhookChannel(webhookBase, channelId, "\"enabled\":false,\"locations\":[\"" + newId("WH") + "\"]").statusCode(201);
        return VertxContextSupport.subscribeAndAwait(() -> admin.get(channelId));
    }

    @Test
    void aListingAtTheMarginIsHeldUntilTheEbayDayRollsOverWithItsLatestQuantityKept() throws Throwable {
        ChannelSettings channel = channel();
        for (String sku : List.of("CAP-1", "CAP-2")) {
            sql("INSERT INTO sync_state (channel, sku, wanted_quantity) VALUES (?, ?, 5)", channel.id(), sku);
        }
        LocalDate today = EBAY.day(OffsetDateTime.now());
        // what an earlier run of the service counted today survives a restart: it is in the database
        sql("INSERT INTO channel_listing_revision (channel, listing_id, day, revisions) VALUES (?, 'LISTING-1', CAST(? AS date), 239)",
                channel.id(), today.toString());
        Map<String, String> listings = new LinkedHashMap<>(Map.of("CAP-1", "LISTING-1", "CAP-2", "LISTING-2"));

        assertThat(reserve(channel, listings)).containsExactlyInAnyOrder("CAP-1", "CAP-2");
        assertThat(count(channel.id(), "LISTING-1", today)).isEqualTo(240);

        assertThat(reserve(channel, listings)).containsExactly("CAP-2");
        assertThat(count(channel.id(), "LISTING-1", today)).as("a held listing is not counted").isEqualTo(240);
        OffsetDateTime nextEbayDay = today.plusDays(1).atStartOfDay(ZoneId.of("America/Los_Angeles")).toOffsetDateTime();
        Map<String, Object> held = row(channel.id(), "CAP-1");
        assertThat(OffsetDateTime.parse((String) held.get("heldUntil")).toInstant()).isEqualTo(nextEbayDay.toInstant());
        assertThat(OffsetDateTime.parse((String) held.get("nextAttemptAt")).toInstant()).isEqualTo(nextEbayDay.toInstant());
        assertThat((String) held.get("lastError")).contains("held").contains("250 revisions a day").contains("America/Los_Angeles");
        assertThat(row(channel.id(), "CAP-2").get("heldUntil")).isNull();
        // held is pending, not failed
        assertThat(given().header("Authorization", Tokens.bearer("viewer")).get("/api/v1/channels/{id}/status", channel.id())
                .then().statusCode(200).extract().jsonPath().getLong("pending")).isEqualTo(2L);

        // the quantity keeps moving while held: the latest is kept, the pair stays held with its reason
        VertxContextSupport.subscribeAndAwait(() -> transactions.inTransaction(() ->
                syncState.wantCount(List.of(new SyncStateRepository.Wanted(channel.id(), "CAP-1", 9)))));
        Map<String, Object> moved = row(channel.id(), "CAP-1");
        assertThat(moved.get("wantedQuantity")).isEqualTo(9);
        assertThat(OffsetDateTime.parse((String) moved.get("nextAttemptAt")).toInstant()).isEqualTo(nextEbayDay.toInstant());
        assertThat((String) moved.get("lastError")).contains("held");

        // yesterday's counts hold nothing back
        sql("UPDATE channel_listing_revision SET day = day - 1 WHERE channel = ?", channel.id());
        assertThat(reserve(channel, listings)).containsExactlyInAnyOrder("CAP-1", "CAP-2");
    }

    @Test
    void concurrentStepsNeverCountAListingPastTheMargin() throws Throwable {
        ChannelSettings channel = channel();
        sql("INSERT INTO sync_state (channel, sku, wanted_quantity) VALUES (?, 'RACE', 5)", channel.id());
        LocalDate today = EBAY.day(OffsetDateTime.now());
        sql("INSERT INTO channel_listing_revision (channel, listing_id, day, revisions) VALUES (?, 'RACE', CAST(? AS date), 230)",
                channel.id(), today.toString());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Set<String>>> steps = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                Callable<Set<String>> step = () -> reserve(channel, Map.of("RACE", "RACE"));
                steps.add(pool.submit(step));
            }
            int sent = 0;
            for (Future<Set<String>> step : steps) {
                sent += step.get().size();
            }
            assertThat(sent).as("from 230, exactly 10 more may go before 240").isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(channel.id(), "RACE", today)).isEqualTo(240);
    }

    @Test
    void theWorkerSendsNothingForAHeldListingAndTheOthersOfItsBatchGoOut() throws Throwable {
        String id = newId("bay");
        String base = "/hooks/" + id;
        marketplace.stubFor(post(urlEqualTo(base + "/identity/v1/oauth2/token"))
                .willReturn(okJson("{\"access_token\":\"v^1.1#t\",\"expires_in\":7200,\"token_type\":\"User Access Token\"}")));
        marketplace.stubFor(get(urlPathEqualTo(base + "/sell/inventory/v1/offer")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"errorId\":25713,\"domain\":\"API_INVENTORY\",\"category\":\"REQUEST\",\"message\":\"This Offer is not available.\"}]}")));
        marketplace.stubFor(post(urlEqualTo(base + "/sell/inventory/v1/bulk_update_price_quantity"))
                .willReturn(okJson("{\"responses\":[{\"sku\":\"FREE-1\",\"statusCode\":200}]}")));
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON).body("""
                {"id":"%s","type":"EBAY","endpoint":"%s%s","credentials":"%s","locations":["%s"]}"""
                .formatted(id, webhookBase, id, WebhookStub.EBAY_REF, newId("WH")))
                .post("/api/v1/channels").then().statusCode(201);
        LocalDate today = EBAY.day(OffsetDateTime.now());
        sql("INSERT INTO channel_listing_revision (channel, listing_id, day, revisions) VALUES (?, 'CAPPED-1', CAST(? AS date), 240)",
                id, today.toString());
        sql("INSERT INTO sync_state (channel, sku, wanted_quantity) VALUES (?, 'CAPPED-1', 6), (?, 'FREE-1', 4)", id, id);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(row(id, "FREE-1").get("pushedQuantity")).isEqualTo(4);
            assertThat(row(id, "CAPPED-1").get("heldUntil")).isNotNull();
        });
        assertThat((String) row(id, "CAPPED-1").get("lastError")).contains("held");
        assertThat(row(id, "CAPPED-1").get("pushedQuantity")).isNull();
        assertThat(marketplace.findAll(postRequestedFor(urlEqualTo(base + "/sell/inventory/v1/bulk_update_price_quantity"))))
                .isNotEmpty().allSatisfy(call -> assertThat(call.getBodyAsString()).doesNotContain("CAPPED-1"));
        assertThat(count(id, "FREE-1", today)).isEqualTo(1);
        assertThat(count(id, "CAPPED-1", today)).isEqualTo(240);
    }

    private Set<String> reserve(ChannelSettings channel, Map<String, String> listingBySku) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> pipeline.reserveRevisions(channel, EBAY, listingBySku));
        } catch (Throwable failure) {
            throw new AssertionError(failure);
        }
    }

    private int count(String channel, String listing, LocalDate day) throws Exception {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement prepared = connection.prepareStatement(
                        "SELECT revisions FROM channel_listing_revision WHERE channel = ? AND listing_id = ? AND day = CAST(? AS date)")) {
            prepared.setString(1, channel);
            prepared.setString(2, listing);
            prepared.setString(3, day.toString());
            try (ResultSet rows = prepared.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    private static Map<String, Object> row(String channel, String sku) {
        List<Map<String, Object>> rows = given().header("Authorization", Tokens.bearer("viewer")).queryParam("sku", sku)
                .get("/api/v1/channels/{id}/sync", channel).then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private void sql(String statement, String... parameters) throws Exception {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setString(i + 1, parameters[i]);
            }
            prepared.executeUpdate();
        }
    }
}
