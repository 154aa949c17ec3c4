package io.stockline.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/**
 * inventory.stock-changed on the real broker in, pushes to the channel (WireMock) out, read model in a
 * fresh PostgreSQL database.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(ChannelEndpointMock.class)
class ChannelSyncFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.channel.name")
    String channel;

    @ConfigProperty(name = "stockline.channel.buffer")
    long buffer;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @InjectWireMock
    WireMockServer endpoint;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(dlqTopic()));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aStockChangePushesTheAvailableStockLessTheBuffer() throws Exception {
        assertThat(buffer).as("the buffer these tests expect from application.properties").isEqualTo(2);
        String sku = newSku();

        stockChanged(sku, "WH1", 3, 10);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pushes(sku)).isNotEmpty());
        ServeEvent push = pushEvents(sku).get(0);
        JsonNode body = JSON.readTree(push.getRequest().getBodyAsString());
        assertThat(body.get("channel").asText()).isEqualTo(channel).isEqualTo("webshop");
        assertThat(body.get("sku").asText()).isEqualTo(sku);
        assertThat(body.get("quantity").asLong()).isEqualTo(10 - buffer);
        assertThat(push.getRequest().getHeader("Content-Type")).startsWith("application/json");
        assertThat(pushes(sku)).containsExactly(8L);
    }

    @Test
    void aDuplicateOrAStaleEventPushesNothingMore() {
        String sku = newSku();
        UUID first = stockChanged(sku, "WH1", 2, 10);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pushes(sku)).containsExactly(8L));

        // The same event again, even dressed up as newer: its id was applied already.
        stockChanged(first, sku, "WH1", 3, 20);
        // A fresh event of an older version than the one applied.
        stockChanged(UUID.randomUUID(), sku, "WH1", 1, 30);
        // Same SKU, same partition: once this one is pushed, the two before it have been consumed.
        stockChanged(sku, "WH1", 4, 15);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pushes(sku)).contains(13L));
        assertThat(pushes(sku)).containsExactly(8L, 13L);
    }

    @Test
    void theLocationsAreSummedAndTheQuantityNeverGoesBelowZero() {
        String sku = newSku();

        stockChanged(sku, "WH1", 1, 1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pushes(sku)).containsExactly(0L));

        stockChanged(sku, "WH2", 1, 9);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pushes(sku)).containsExactly(0L, 1 + 9 - buffer));
    }

    @Test
    void anUnchangedChannelQuantityIsNotPushedAgain() {
        String sku = newSku();
        stockChanged(sku, "WH1", 1, 6);
        stockChanged(sku, "WH2", 1, 0); // a new location with nothing: the sum stays 6
        stockChanged(sku, "WH1", 2, 9);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pushes(sku)).contains(7L));
        assertThat(pushes(sku)).containsExactly(4L, 7L);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String sku = newSku();

        kafka.sendRaw(stockChangedTopic, sku, "not json");
        stockChanged(sku, "WH1", 1, 5);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(dlqTopic()))
                .anySatisfy(dead -> {
                    assertThat(dead.key()).isEqualTo(sku);
                    assertThat(dead.value()).isEqualTo("not json");
                    assertThat(dead.header("dead-letter-reason")).isNotBlank();
                }));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pushes(sku)).containsExactly(3L));
        assertThat(kafka.on(dlqTopic())).filteredOn(dead -> sku.equals(dead.key())).hasSize(1);
    }

    @Test
    void aFailedPushIsRetriedUntilTheChannelAcceptsIt() {
        String sku = newSku();
        String scenario = "flaky-" + sku;
        endpoint.stubFor(post(urlEqualTo(ChannelEndpointMock.PUSH_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.sku", equalTo(sku)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("try again"))
                .willSetStateTo("recovered"));

        stockChanged(sku, "WH1", 1, 12);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pushEvents(sku))
                .extracting(event -> event.getResponse().getStatus()).containsExactly(500, 204));
        assertThat(pushes(sku)).containsExactly(10L, 10L);
        // The outcome is recorded: the channel holds 10, and no error is left standing.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncState(sku)).isEqualTo("10/10/null"));
    }

    @Test
    void aPushThatExhaustedItsRetriesIsPushedAgainOnceTheChannelRecovers() {
        String sku = newSku();
        var outage = endpoint.stubFor(post(urlEqualTo(ChannelEndpointMock.PUSH_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.sku", equalTo(sku)))
                .willReturn(aResponse().withStatus(503).withBody("down for maintenance")));

        stockChanged(sku, "WH1", 1, 7);

        // Six answers (the push and its five retries) are all refusals; the failure is recorded.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncState(sku)).startsWith("5/null/").doesNotEndWith("/null"));
        assertThat(pushEvents(sku)).extracting(event -> event.getResponse().getStatus()).containsOnly(503);

        endpoint.removeStub(outage);
        // No new stock event arrives: the sweep alone brings the channel to the right number.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(syncState(sku)).isEqualTo("5/5/null"));
        assertThat(pushEvents(sku).get(pushEvents(sku).size() - 1).getResponse().getStatus()).isEqualTo(204);
    }

    // --- helpers

    private String dlqTopic() {
        return stockChangedTopic + ".dlq";
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private UUID stockChanged(String sku, String location, long version, long available) {
        return stockChanged(UUID.randomUUID(), sku, location, version, available);
    }

    private UUID stockChanged(UUID eventId, String sku, String location, long version, long available) {
        return kafka.sendStockChanged(stockChangedTopic, eventId, sku, location, version, available);
    }

    /** The pushes the channel received for the SKU, oldest first. */
    private List<ServeEvent> pushEvents(String sku) {
        List<ServeEvent> events = new ArrayList<>();
        for (ServeEvent event : endpoint.getAllServeEvents()) { // newest first
            if (ChannelEndpointMock.PUSH_PATH.equals(event.getRequest().getUrl()) && sku.equals(bodyOf(event).path("sku").asText())) {
                events.add(0, event);
            }
        }
        return events;
    }

    private List<Long> pushes(String sku) {
        return pushEvents(sku).stream().map(event -> bodyOf(event).path("quantity").asLong()).toList();
    }

    private static JsonNode bodyOf(ServeEvent event) {
        try {
            return JSON.readTree(event.getRequest().getBodyAsString());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** wanted/pushed/last error of the SKU's sync state. */
    private String syncState(String sku) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT wanted_quantity, pushed_quantity, last_error FROM sync_state WHERE channel = ? AND sku = ?")) {
            query.setString(1, channel);
            query.setString(2, sku);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getObject(1) + "/" + row.getObject(2) + "/" + row.getString(3) : null;
            }
        }
    }
}
