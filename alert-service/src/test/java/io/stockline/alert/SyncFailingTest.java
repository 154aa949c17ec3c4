package io.stockline.alert;

import static io.stockline.alert.AlertTestSupport.SYNC_STATUS_TYPE;
import static io.stockline.alert.AlertTestSupport.ruleBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
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
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/** SYNC_FAILING from channel.sync-status (SyncStatusV1) on the real broker; unreadable reports to its DLQ. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class SyncFailingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "stockline.topics.sync-status")
    String syncStatusTopic;

    @ConfigProperty(name = "stockline.topics.alerts")
    String alertsTopic;

    private KafkaProbe kafka;
    private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(alertsTopic, syncStatusTopic + ".dlq"));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aFailingChannelOpensOnceAndResolvesWhenItRecovers() {
        String channel = newChannel();
        status(channel, "OK", 0, 0, 1);
        status(channel, "FAILING", 40, 3, 2); // opens
        status(channel, "CIRCUIT_OPEN", 90, 6, 3); // still failing: nothing
        status(channel, "OK", 0, 0, 4); // resolves

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(channel)).hasSize(2));
        assertThat(events(channel)).containsExactly("opened SYNC_FAILING", "resolved SYNC_FAILING");
        KafkaProbe.Received opened = kafka.on(alertsTopic).stream().filter(r -> channel.equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(opened.header("ce_subject")).isEqualTo(channel);
        JsonNode body = AlertTestSupport.body(opened);
        assertThat(body.get("channel").asText()).isEqualTo(channel);
        assertThat(body.get("sku").isNull()).isTrue();
        assertThat(body.get("detail").asText()).contains("FAILING", "3 failures in a row", "HTTP 503");
    }

    @Test
    void lagBeyondTheChannelsLimitAlertsAndStaleOrRepeatedReportsChangeNothing() {
        String channel = newChannel();
        Map<String, Object> rule = new HashMap<>(ruleBody("SYNC_FAILING", null, null, 60L, 0L));
        rule.put("channel", channel);
        AlertTestSupport.rule(rule);

        status(channel, "LAGGING", 30, 0, 1); // under 60 s: nothing
        String repeated = status(channel, "LAGGING", 120, 0, 2); // over: opens
        status(channel, "OK", 0, 0, 1); // older than what was seen: dropped
        sendStatus(repeated, channel, "OK", 0, 0, 9); // the same event id again: dropped
        status(channel, "LAGGING", 61, 0, 3); // still over: nothing
        status(channel, "OK", 5, 0, 4); // resolves

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(channel)).hasSize(2));
        assertThat(events(channel)).containsExactly("opened SYNC_FAILING", "resolved SYNC_FAILING");
        JsonNode opened = AlertTestSupport.body(kafka.on(alertsTopic).stream().filter(r -> channel.equals(r.key()))
                .findFirst().orElseThrow());
        assertThat(opened.get("observed").asLong()).isEqualTo(120);
        assertThat(opened.get("threshold").asLong()).isEqualTo(60);
        AlertTestSupport.as("viewer").queryParam("channel", channel).get("/api/v1/alerts").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].status", equalTo("RESOLVED"));
    }

    @Test
    void unreadableReportsGoToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String channel = newChannel();
        String dlq = syncStatusTopic + ".dlq";

        kafka.sendRaw(syncStatusTopic, channel, "not json"); // no CloudEvent id either
        kafka.sendCloudEvent(syncStatusTopic, channel, SYNC_STATUS_TYPE, UUID.randomUUID().toString(), "not json");
        kafka.sendCloudEvent(syncStatusTopic, channel, SYNC_STATUS_TYPE, UUID.randomUUID().toString(),
                json(channel, "EXPLODED", 0, 0, 1)); // no such state
        kafka.sendCloudEvent(syncStatusTopic, channel, SYNC_STATUS_TYPE, UUID.randomUUID().toString(),
                "{\"channelId\":\"" + channel + "\",\"state\":\"FAILING\"}"); // no lag, no time
        status(channel, "FAILING", 10, 1, 1);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(dlq))
                .filteredOn(dead -> channel.equals(dead.key())).hasSize(4)
                .allSatisfy(dead -> assertThat(dead.header("dead-letter-reason")).isNotBlank()));
        assertThat(kafka.on(dlq)).filteredOn(dead -> channel.equals(dead.key()))
                .extracting(dead -> dead.header("dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("ce_id"))
                .anySatisfy(reason -> assertThat(reason).contains("lagSeconds"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(channel)).containsExactly("opened SYNC_FAILING"));
    }

    // --- helpers

    private static String newChannel() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends a report made {@code minute} minutes after the test started; its event id. */
    private String status(String channel, String state, long lagSeconds, int failures, int minute) {
        return sendStatus(UUID.randomUUID().toString(), channel, state, lagSeconds, failures, minute);
    }

    private String sendStatus(String id, String channel, String state, long lagSeconds, int failures, int minute) {
        kafka.sendCloudEvent(syncStatusTopic, channel, SYNC_STATUS_TYPE, id, json(channel, state, lagSeconds, failures,
                minute));
        return id;
    }

    private String json(String channel, String state, long lagSeconds, int failures, int minute) {
        Map<String, Object> body = new HashMap<>();
        body.put("channelId", channel);
        body.put("channelType", "WEBHOOK");
        body.put("state", state);
        body.put("pending", lagSeconds > 0 ? 7 : 0);
        body.put("lagSeconds", lagSeconds);
        body.put("consecutiveFailures", failures);
        body.put("failuresLastHour", failures);
        if (failures > 0) {
            body.put("lastError", "HTTP 503");
        }
        body.put("reportedAt", start.plusMinutes(minute).toString());
        return AlertTestSupport.write(body);
    }

    private List<String> events(String channel) {
        return AlertTestSupport.events(kafka, alertsTopic, channel);
    }
}
