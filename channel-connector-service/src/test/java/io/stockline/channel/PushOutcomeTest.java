package io.stockline.channel;

import static io.restassured.RestAssured.given;
import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
import io.stockline.channel.repository.RecomputeLocks;
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

    /**
     * An outcome holds its SKUs' locks shared with other channels' outcomes (they write other rows) and waits for a
     * recompute of those SKUs (every channel's rows, exclusively); one with a conflict recomputes, so it takes them
     * exclusively from the start and waits for the other outcomes too. The other transactions here hold the locks as
     * {@code RecomputeLocks} takes them, on a connection of their own.
     */
    @Test
    void outcomesOfDifferentChannelsShareTheirSkusLocksAndWaitForARecomputeOfThem() throws Throwable {
        String channelId = newId("locks");
        createWebhookChannel(webhookBase, channelId, "\"enabled\":false,\"locations\":[\"" + newId("WH") + "\"]").statusCode(201);
        ChannelSettings channel = VertxContextSupport.subscribeAndAwait(() -> admin.get(channelId));
        String shared = newId("SHARED"), recomputed = newId("RECOMPUTED"), conflicted = newId("CONFLICTED");
        for (String sku : List.of(shared, recomputed, conflicted)) {
            sql("INSERT INTO sync_state (channel, sku, wanted_quantity) VALUES (?, ?, 5)", channelId, sku);
        }

        try (Connection otherOutcome = holding("pg_advisory_xact_lock_shared", shared)) {
            // done while the other outcome still holds the SKU (a wait here would end in a timeout)
            record(channel, shared, ListingOutcome.Status.APPLIED).get(30, TimeUnit.SECONDS);
            assertThat(row(channelId, shared)).containsEntry("pushedQuantity", 5);
        }

        try (Connection recompute = holding("pg_advisory_xact_lock", recomputed)) {
            CompletableFuture<Void> outcome = record(channel, recomputed, ListingOutcome.Status.APPLIED);
            await("the outcome waits for the recompute").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                    .until(() -> !outcome.isDone());
            recompute.commit();
            outcome.get(30, TimeUnit.SECONDS);
            assertThat(row(channelId, recomputed)).containsEntry("pushedQuantity", 5);
        }

        try (Connection otherOutcome = holding("pg_advisory_xact_lock_shared", conflicted)) {
            CompletableFuture<Void> outcome = record(channel, conflicted, ListingOutcome.Status.CONFLICT);
            await("the conflict waits for the other outcome").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(10)).until(() -> !outcome.isDone());
            otherOutcome.commit();
            outcome.get(30, TimeUnit.SECONDS);
            assertThat(row(channelId, conflicted)).containsEntry("pushedQuantity", 3).containsEntry("attempts", 1);
        }
    }

    /**
     * A failed call's record (as read-backs' results and the revisions counted before a call) writes its own channel's
     * rows only, so it takes the SKUs' locks as an outcome does: it goes on beside another channel's outcome of the
     * same SKU and waits for a recompute of it.
     */
    @Test
    void aFailedCallsRecordSharesTheSkusLocksWithOtherOutcomesAndWaitsForARecompute() throws Throwable {
        String channelId = newId("failed-locks");
        createWebhookChannel(webhookBase, channelId, "\"enabled\":false,\"locations\":[\"" + newId("WH") + "\"]").statusCode(201);
        String shared = newId("SHARED"), recomputed = newId("RECOMPUTED");
        for (String sku : List.of(shared, recomputed)) {
            sql("INSERT INTO sync_state (channel, sku, wanted_quantity) VALUES (?, ?, 5)", channelId, sku);
        }

        try (Connection otherOutcome = holding("pg_advisory_xact_lock_shared", shared)) {
            failed(channelId, shared).get(30, TimeUnit.SECONDS);
            assertThat(row(channelId, shared)).containsEntry("attempts", 1).containsEntry("lastError", "HTTP 503");
        }

        try (Connection recompute = holding("pg_advisory_xact_lock", recomputed)) {
            CompletableFuture<Void> failure = failed(channelId, recomputed);
            await("the failure's record waits for the recompute").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(10)).until(() -> !failure.isDone());
            recompute.commit();
            failure.get(30, TimeUnit.SECONDS);
            assertThat(row(channelId, recomputed)).containsEntry("attempts", 1);
        }
    }

    private CompletableFuture<Void> failed(String channelId, String sku) {
        return CompletableFuture.runAsync(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(() -> pipeline.recordFailure(channelId, List.of(sku), "HTTP 503",
                        Duration.ofMillis(1), false));
            } catch (Throwable failure) {
                throw new java.util.concurrent.CompletionException(failure);
            }
        });
    }

    /** A connection in a transaction holding one SKU's lock ({@code function}: shared or exclusive). */
    private static Connection holding(String function, String sku) throws Exception {
        Connection connection = TestDatabase.connect();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?, hashtext(?))")) {
            lock.setInt(1, RecomputeLocks.SKU_SCOPE);
            lock.setString(2, sku);
            lock.execute();
        }
        return connection;
    }

    private CompletableFuture<Void> record(ChannelSettings channel, String sku, ListingOutcome.Status status) {
        return CompletableFuture.runAsync(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(() -> pipeline.recordOutcomes(channel, List.of(due(sku)),
                        List.of(new ListingOutcome(sku, sku, status, status == ListingOutcome.Status.CONFLICT ? 3L : 5L,
                                status == ListingOutcome.Status.CONFLICT ? "held 3" : null)),
                        Map.of(), Duration.ZERO, 2));
            } catch (Throwable failure) {
                throw new java.util.concurrent.CompletionException(failure);
            }
        });
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
