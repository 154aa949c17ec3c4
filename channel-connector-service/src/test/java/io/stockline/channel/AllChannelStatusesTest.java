package io.stockline.channel;

import static io.restassured.RestAssured.given;
import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;
import io.stockline.testsupport.Tokens;

/**
 * GET /api/v1/channel-status answers what GET /api/v1/channels/{id}/status answers for each channel, over channels in
 * every state. The states are set in the tables, as the pipeline leaves them, on channels whose workers have nothing
 * due, so nothing moves between the two reads but the clock.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class AllChannelStatusesTest {

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @Test
    void everyChannelsStatusAtOnceIsWhatEachChannelsOwnStatusSays() throws SQLException {
        Map<String, String> expected = new LinkedHashMap<>();
        String synced = channel("");
        expected.put(synced, "OK");
        sql("""
                INSERT INTO sync_state (channel, sku, wanted_quantity, wanted_version, pushed_quantity, pushed_version)
                VALUES (?, 'SYNCED-1', 5, 2, 5, 2)""", synced);
        sql("INSERT INTO channel_health (channel, last_success_at) VALUES (?, now() - interval '1 minute')", synced);

        String disabled = channel("\"enabled\":false");
        expected.put(disabled, "DISABLED");
        sql("""
                INSERT INTO sync_state (channel, sku, wanted_quantity, pending_since)
                VALUES (?, 'WAITING-1', 3, now() - interval '10 minutes'), (?, 'WAITING-2', 4, now() - interval '2 minutes')""",
                disabled, disabled);
        sql("""
                INSERT INTO sync_state (channel, sku, wanted_quantity, wanted_version, rejected_version, last_error)
                VALUES (?, 'REFUSED-1', 2, 3, 3, 'REJECTED MISSING')""", disabled);

        // Its pending pair falls due only in an hour, so its worker leaves it (and its lag) alone meanwhile.
        String lagging = channel("");
        expected.put(lagging, "LAGGING");
        sql("""
                INSERT INTO sync_state (channel, sku, wanted_quantity, pending_since, next_attempt_at, attempts, last_error)
                VALUES (?, 'LATE-1', 7, now() - interval '20 minutes', now() + interval '1 hour', 2, 'HTTP 503')""",
                lagging);

        String failing = channel("");
        expected.put(failing, "FAILING");
        sql("""
                INSERT INTO channel_health (channel, consecutive_failures, last_failure_at, last_error, last_success_at)
                VALUES (?, 4, now(), 'HTTP 500', now() - interval '30 minutes')""", failing);
        sql("""
                INSERT INTO channel_call_failure (channel, failed_at)
                VALUES (?, now() - interval '2 minutes'), (?, now()), (?, now() - interval '2 hours')""",
                failing, failing, failing);

        String circuitOpen = channel("");
        expected.put(circuitOpen, "CIRCUIT_OPEN");
        sql("""
                INSERT INTO channel_health (channel, consecutive_failures, last_failure_at, last_error, backoff_until,
                    circuit_open)
                VALUES (?, 9, now(), 'TIMEOUT', now() + interval '1 hour', true)""", circuitOpen);
        sql("INSERT INTO channel_call_failure (channel) VALUES (?)", circuitOpen);

        Instant askedAtOnce = Instant.now();
        List<Map<String, Object>> all = as("viewer").get("/api/v1/channel-status").then().statusCode(200)
                .extract().jsonPath().getList("$");

        List<String> listed = as("viewer").get("/api/v1/channels").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class);
        assertThat(all).extracting(status -> (String) status.get("channelId")).as("one status per channel, by id")
                .containsExactlyElementsOf(listed);
        Map<String, Map<String, Object>> byChannel = new HashMap<>();
        all.forEach(status -> byChannel.put((String) status.get("channelId"), status));
        expected.forEach((channel, state) -> {
            Map<String, Object> atOnce = byChannel.get(channel);
            Map<String, Object> alone = as("viewer").get("/api/v1/channels/{id}/status", channel).then().statusCode(200)
                    .extract().jsonPath().getMap("$");
            assertThat(atOnce.get("state")).as(channel).isEqualTo(state);
            // reportedAt is when each answer was made, and a lag grows with the clock between the two reads (each
            // rounded to the second)
            long lag = ((Number) atOnce.get("lagSeconds")).longValue();
            long since = Duration.between(askedAtOnce, Instant.now()).toSeconds();
            assertThat(((Number) alone.get("lagSeconds")).longValue()).as(channel + " lag, %d s later", since)
                    .isBetween(lag == 0 ? 0 : lag - 1, lag == 0 ? 0 : lag + since + 1);
            assertThat(without(atOnce, "reportedAt", "lagSeconds")).as(channel)
                    .isEqualTo(without(alone, "reportedAt", "lagSeconds"));
        });

        Map<String, Object> waiting = byChannel.get(disabled);
        assertThat(waiting).containsEntry("pending", 2).containsEntry("rejected", 1);
        assertThat(((Number) waiting.get("lagSeconds")).longValue()).isBetween(595L, 700L);
        assertThat(byChannel.get(failing)).containsEntry("consecutiveFailures", 4).containsEntry("failuresLastHour", 2)
                .containsEntry("lastError", "HTTP 500");
        assertThat(byChannel.get(synced)).containsEntry("pending", 0).containsEntry("rejected", 0);
        assertThat(byChannel.get(lagging)).containsEntry("pending", 1);
    }

    /** A webhook channel fed by a location of its own, so that no stock but the test's reaches it. */
    private String channel(String extra) {
        String id = newId("status");
        String locations = "\"locations\":[\"" + newId("WH") + "\"]";
        createWebhookChannel(webhookBase, id, extra.isBlank() ? locations : locations + "," + extra).statusCode(201);
        return id;
    }

    private static Map<String, Object> without(Map<String, Object> status, String... fields) {
        Map<String, Object> rest = new HashMap<>(status);
        for (String field : fields) {
            rest.remove(field);
        }
        return rest;
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", Tokens.bearer(role));
    }

    private static void sql(String sql, String... parameters) throws SQLException {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
