package io.stockline.alert;

import static io.stockline.alert.AlertTestSupport.admin;
import static io.stockline.alert.AlertTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.stockline.alert.domain.DeadLetter;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/**
 * DEAD_LETTERS on the real broker: records sent to a dead-letter topic under this test's own prefix (the profile
 * points the pattern at it, since the broker holds every other run's dead-letter topics) open one alert per topic
 * naming the topic, the count, the reason and the type; the alert resolves once the topic has been quiet for the
 * quiet period (the test clock is moved past it; the sweep runs every second in tests).
 */
@QuarkusTest
@TestProfile(DeadLetterAlertTest.OwnDeadLetterTopics.class)
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class DeadLetterAlertTest {

    static final String PREFIX = "dlqt" + UUID.randomUUID().toString().substring(0, 8) + ".";

    public static class OwnDeadLetterTopics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stockline.alerts.dead-letter-topics", PREFIX.replace(".", "\\.") + ".*\\.dlq");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ConfigProperty(name = "stockline.topics.alerts")
    String alertsTopic;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(alertsTopic));
    }

    @AfterEach
    void close() {
        TestClock.reset();
        kafka.close();
    }

    @Test
    void recordsOnADeadLetterTopicOpenOneAlertWhichResolvesAfterTheQuietPeriod() {
        String topic = PREFIX + "inventory.stock-changed." + UUID.randomUUID().toString().substring(0, 6) + ".dlq";
        String subscription = admin().body(new HashMap<>(Map.of("name", "dead letters", "channel", "WEBHOOK",
                "target", "http://localhost:9/hooks/dlq", "secret", "k", "kinds", List.of("DEAD_LETTERS"))))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");

        kafka.sendCloudEvent(topic, "SKU-1", "io.stockline.inventory.stock-changed.v1", UUID.randomUUID().toString(),
                "not json", Map.of("dead-letter-reason", "PoisonRecord: unreadable stock-changed"));

        JsonPath open = await().atMost(TIMEOUT).until(() -> alerts(topic), a -> a.getList("$").size() == 1);
        assertThat(open.getString("[0].kind")).isEqualTo("DEAD_LETTERS");
        assertThat(open.getString("[0].status")).isEqualTo("OPEN");
        assertThat(open.getString("[0].detail")).contains("1 record so far", "PoisonRecord: unreadable stock-changed",
                "io.stockline.inventory.stock-changed.v1", "deploy/local/dlq list " + topic);
        String alertId = open.getString("[0].id");

        // A second record, without any header: the same alert, counted, its reason unknown.
        kafka.sendRaw(topic, null, "\u0000 not even text");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alerts(topic).getString("[0].detail"))
                .contains("2 records so far", "latest reason: unknown"));
        JsonPath stillOne = alerts(topic);
        assertThat(stillOne.getList("$")).hasSize(1);
        assertThat(stillOne.getString("[0].id")).isEqualTo(alertId);
        assertThat(stillOne.getLong("[0].observed")).isEqualTo(2);

        // Published once, keyed by the topic, and delivered to the subscription that asks for this kind.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(AlertTestSupport.events(kafka, alertsTopic, topic))
                .containsExactly("opened DEAD_LETTERS"));
        JsonNode opened = AlertTestSupport.body(kafka.on(alertsTopic).stream().filter(r -> topic.equals(r.key()))
                .findFirst().orElseThrow());
        assertThat(opened.get("channel").asText()).isEqualTo(topic);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(as("viewer").queryParam("subscriptionId", subscription)
                .queryParam("alertId", alertId).get("/api/v1/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("$")).hasSize(1));

        // Quiet for longer than the period (1 h by default): the sweep resolves it.
        TestClock.advance(Duration.ofMinutes(61));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alerts(topic).getString("[0].status"))
                .isEqualTo("RESOLVED"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(AlertTestSupport.events(kafka, alertsTopic, topic))
                .containsExactly("opened DEAD_LETTERS", "resolved DEAD_LETTERS"));
    }

    @Test
    void recordsWhoseHeadersTheDatabaseCannotStoreAreCountedWithTheirReasonCleaned() {
        // a NUL in a text is refused by PostgreSQL every time: such a record was a poison, nacked, and with the
        // channel's failure strategy ignore it was dropped, no alert and no count
        String topic = PREFIX + "channel.sync-status." + UUID.randomUUID().toString().substring(0, 6) + ".dlq";
        kafka.sendCloudEvent(topic, "c-1", "io.stockline.channel.sync-status.v1\u0000", UUID.randomUUID().toString(),
                "{}", Map.of("dead-letter-reason", "PoisonRecord: bad\u0000value"));

        JsonPath open = await().atMost(TIMEOUT).until(() -> alerts(topic), a -> a.getList("$").size() == 1);
        assertThat(open.getString("[0].status")).isEqualTo("OPEN");
        assertThat(open.getLong("[0].observed")).isEqualTo(1);
        assertThat(open.getString("[0].detail")).contains("1 record so far",
                "latest reason: PoisonRecord: bad\uFFFDvalue; type io.stockline.channel.sync-status.v1\uFFFD;");

        // a 100 kB reason: counted, and shown cut to what the alert's detail holds
        String huge = "PoisonRecord: " + "z".repeat(100_000);
        kafka.sendCloudEvent(topic, "c-1", "io.stockline.channel.sync-status.v1", UUID.randomUUID().toString(), "{}",
                Map.of("dead-letter-reason", huge));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alerts(topic).getString("[0].detail"))
                .contains("2 records so far"));
        JsonPath counted = alerts(topic);
        assertThat(counted.getList("$")).hasSize(1);
        assertThat(counted.getLong("[0].observed")).isEqualTo(2);
        String detail = counted.getString("[0].detail");
        assertThat(detail).contains("latest reason: " + DeadLetter.storable(huge, DeadLetter.MAX_REASON_LENGTH) + ";")
                .hasSizeLessThan(DeadLetter.MAX_REASON_LENGTH + 300);
    }

    @Test
    void aDisabledRuleForTheTopicOpensNothing() {
        String topic = PREFIX + "orders." + UUID.randomUUID().toString().substring(0, 6) + ".dlq";
        String other = PREFIX + "orders." + UUID.randomUUID().toString().substring(0, 6) + ".dlq";
        Map<String, Object> rule = new HashMap<>(Map.of("kind", "DEAD_LETTERS", "channel", topic, "enabled", false));
        AlertTestSupport.rule(rule);

        kafka.sendRaw(topic, "k", "x");
        kafka.sendRaw(other, "k", "x");

        await().atMost(TIMEOUT).until(() -> alerts(other), a -> a.getList("$").size() == 1);
        assertThat(alerts(topic).getList("$")).isEmpty();
    }

    private JsonPath alerts(String topic) {
        return as("viewer").queryParam("kind", "DEAD_LETTERS").queryParam("channel", topic).get("/api/v1/alerts")
                .then().statusCode(200).extract().jsonPath();
    }
}
