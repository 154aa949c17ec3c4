package io.stockline.channel;

import static io.restassured.RestAssured.given;
import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.stockline.channel.connector.HeldListing;
import io.stockline.channel.connector.ListingOutcome;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.repository.SyncStateRepository.Accepted;
import io.stockline.channel.repository.SyncStateRepository.Due;
import io.stockline.channel.service.ChannelAdminService;
import io.stockline.channel.service.PushPipeline;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;
import io.stockline.testsupport.Tokens;

/**
 * What the pipeline records for each per-listing outcome a marketplace can give (the webhook only ever applies all,
 * so the outcomes are handed in as a connector would return them), on a disabled channel no worker touches.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class PushOutcomeTest {

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @Inject
    PushPipeline pipeline;

    @Inject
    ChannelAdminService admin;

    @Test
    void appliedRejectedAndConflictingListingsAreRecordedAsSuch() throws Throwable {
        String channelId = newId("outcomes");
        createWebhookChannel(webhookBase, channelId, "\"enabled\":false,\"locations\":[\"" + newId("WH") + "\"]").statusCode(201);
        ChannelSettings channel = VertxContextSupport.subscribeAndAwait(() -> admin.get(channelId));
        for (String sku : List.of("APPLIED", "REJECTED", "CONFLICT", "HELD-RIGHT")) {
            sql("INSERT INTO sync_state (channel, sku, wanted_quantity) VALUES (?, ?, 5)", channelId, sku);
        }
        List<Due> sent = List.of(due("APPLIED"), due("REJECTED"), due("CONFLICT"), due("HELD-RIGHT"));
        List<ListingOutcome> outcomes = List.of(
                new ListingOutcome("APPLIED", "APPLIED", ListingOutcome.Status.APPLIED, 5L, null),
                new ListingOutcome("REJECTED", "REJECTED", ListingOutcome.Status.REJECTED, null, "unknown listing"),
                new ListingOutcome("CONFLICT", "CONFLICT", ListingOutcome.Status.CONFLICT, 3L, "expected null, held 3"),
                new ListingOutcome("HELD-RIGHT", "HELD-RIGHT", ListingOutcome.Status.CONFLICT, 1L, "held 1"));

        VertxContextSupport.subscribeAndAwait(() -> pipeline.recordOutcomes(channel, sent, outcomes,
                Map.of("HELD-RIGHT", 5L), Duration.ZERO, 2));

        assertThat(row(channelId, "APPLIED")).containsEntry("pushedQuantity", 5).containsEntry("pushedVersion", 1)
                .containsEntry("rejected", false);
        assertThat(row(channelId, "REJECTED")).containsEntry("pushedQuantity", null).containsEntry("rejected", true)
                .hasEntrySatisfying("lastError", error -> assertThat((String) error).contains("unknown listing"));
        // What the marketplace said it holds is recorded, and the pair goes again under a version of its own.
        assertThat(row(channelId, "CONFLICT")).containsEntry("pushedQuantity", 3).containsEntry("wantedVersion", 2)
                .containsEntry("attempts", 1).containsEntry("rejected", false);
        // The read-back showed the marketplace holds the right number after all.
        assertThat(row(channelId, "HELD-RIGHT")).containsEntry("pushedQuantity", 5);
        JsonPath status = status(channelId);
        assertThat(status.getLong("pending")).isEqualTo(1L);
        assertThat(status.getLong("rejected")).isEqualTo(1L);

        // A second conflict reaches max-conflicts (2 here): the pair is failed, not retried forever.
        VertxContextSupport.subscribeAndAwait(() -> pipeline.recordOutcomes(channel,
                List.of(new Due("CONFLICT", 5, 2, 3L, null)),
                List.of(new ListingOutcome("CONFLICT", "CONFLICT", ListingOutcome.Status.CONFLICT, 4L, "held 4")),
                Map.of(), Duration.ZERO, 2));
        assertThat(row(channelId, "CONFLICT")).containsEntry("rejected", true).containsEntry("pushedQuantity", 4)
                .hasEntrySatisfying("lastError", error -> assertThat((String) error).contains("gave up after 2 conflicts"));
        assertThat(status(channelId).getLong("pending")).isZero();
        assertThat(status(channelId).getLong("rejected")).isEqualTo(2L);
    }

    @Test
    void anAcceptedUpdateStaysPendingUntilItsReadBackShowsItAnErrorRejectsItAndReadsThatRunOutSendItAgain() throws Throwable {
        String channelId = newId("accepted");
        createWebhookChannel(webhookBase, channelId, "\"enabled\":false,\"locations\":[\"" + newId("WH") + "\"]").statusCode(201);
        ChannelSettings channel = VertxContextSupport.subscribeAndAwait(() -> admin.get(channelId));
        List<String> skus = List.of("SHOWN", "ISSUE", "SLOW");
        for (String sku : skus) {
            sql("INSERT INTO sync_state (channel, sku, wanted_quantity) VALUES (?, ?, 5)", channelId, sku);
        }
        List<Due> sent = skus.stream().map(PushOutcomeTest::due).toList();
        VertxContextSupport.subscribeAndAwait(() -> pipeline.recordOutcomes(channel, sent,
                sent.stream().map(pair -> new ListingOutcome(pair.sku(), pair.sku(), ListingOutcome.Status.ACCEPTED, null, null)).toList(),
                Map.of(), Duration.ZERO, 2, Duration.ZERO));

        for (String sku : skus) {
            assertThat(row(channelId, sku)).as("queued is not applied").containsEntry("state", "ACCEPTED")
                    .containsEntry("pushedQuantity", null).containsEntry("pushedVersion", null).containsEntry("rejected", false);
        }
        assertThat(status(channelId).getLong("pending")).as("accepted pairs are still pending").isEqualTo(3L);

        PushPipeline.ConfirmPolicy policy = new PushPipeline.ConfirmPolicy(Duration.ZERO, Duration.ZERO, 2, Duration.ZERO);
        List<Accepted> asked = sent.stream().map(pair -> new Accepted(pair, 0)).toList();
        VertxContextSupport.subscribeAndAwait(() -> pipeline.recordConfirmations(channelId, asked, Map.of(
                "SHOWN", HeldListing.of(5),
                "ISSUE", new HeldListing(3L, List.of("90220 INVALID_ATTRIBUTE")),
                "SLOW", HeldListing.of(3)), null, policy));

        assertThat(row(channelId, "SHOWN")).containsEntry("state", "SYNCED").containsEntry("pushedQuantity", 5)
                .containsEntry("pushedVersion", 1);
        assertThat(row(channelId, "ISSUE")).containsEntry("state", "REJECTED").containsEntry("rejected", true)
                .hasEntrySatisfying("lastError", error -> assertThat((String) error)
                        .isEqualTo("rejected after acceptance: 90220 INVALID_ATTRIBUTE"));
        assertThat(row(channelId, "SLOW")).containsEntry("state", "ACCEPTED").containsEntry("wantedVersion", 1)
                .hasEntrySatisfying("lastError", error -> assertThat((String) error).contains("holds 3", "read-back 1 of 2"));

        // The second read that does not show it uses up the poll: the update goes out again under a new version.
        VertxContextSupport.subscribeAndAwait(() -> pipeline.recordConfirmations(channelId,
                List.of(new Accepted(due("SLOW"), 1)), Map.of(), "TransientFailure: 503", policy));
        assertThat(row(channelId, "SLOW")).containsEntry("state", "PENDING").containsEntry("wantedVersion", 2)
                .containsEntry("pushedQuantity", null).containsEntry("rejected", false)
                .hasEntrySatisfying("lastError", error -> assertThat((String) error).contains("not applied after 2 read-backs"));
        assertThat(status(channelId).getLong("pending")).isEqualTo(1L);
        assertThat(status(channelId).getLong("rejected")).isEqualTo(1L);
    }

    private static Due due(String sku) {
        return new Due(sku, 5, 1, null, null);
    }

    private static Map<String, Object> row(String channel, String sku) {
        List<Map<String, Object>> rows = given().header("Authorization", Tokens.bearer("viewer")).queryParam("sku", sku)
                .get("/api/v1/channels/{id}/sync", channel).then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static JsonPath status(String channel) {
        return given().header("Authorization", Tokens.bearer("viewer")).get("/api/v1/channels/{id}/status", channel)
                .then().statusCode(200).extract().jsonPath();
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
