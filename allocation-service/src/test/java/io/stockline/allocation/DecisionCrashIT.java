package io.stockline.allocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.stockline.allocation.messaging.AllocationEvents;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;

/**
 * The "done when": allocation-service (its built jar, as a process) is killed with SIGKILL after it has
 * decided orders and before it published the decisions; after the restart each decision is published exactly
 * once, under the id it was decided with. The relay is held (stockline.outbox.relay-enabled=false) so that the
 * crash falls between deciding and publishing for every order; inventory is played by WireMock.
 */
class DecisionCrashIT {

    private static final int ORDERS = 20;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Infrastructure infrastructure = Infrastructure.get();
    private final String topicPrefix = "crash" + Infrastructure.shortId() + ".";
    private final List<ServiceProcess> processes = new ArrayList<>();
    private WireMockServer inventory;
    private KafkaProbe kafka;
    private String database;

    @BeforeEach
    void start() {
        database = infrastructure.createDatabase("crash_allocation");
        inventory = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        inventory.start();
        kafka = new KafkaProbe(infrastructure.kafkaBootstrapServers()).watch(List.of(topic("allocations")));
    }

    @AfterEach
    void stop() {
        processes.forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
        if (inventory != null) {
            inventory.stop();
        }
        infrastructure.dropDatabase(database);
    }

    @Test
    void eachDecisionIsPublishedExactlyOnceAfterACrashBetweenDecidingAndPublishing() throws Exception {
        String sku = "CRASH-" + UUID.randomUUID().toString().substring(0, 8);
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku)).willReturn(json(200,
                "{\"sku\":\"" + sku + "\",\"locations\":[{\"location\":\"WH1\",\"available\":1000,\"version\":1}]}")));
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH)).willReturn(json(201,
                "{\"id\":\"{{randomValue type='UUID'}}\",\"status\":\"ACTIVE\",\"lines\":[]}")
                .withTransformers("response-template")));

        Map<String, String> config = new LinkedHashMap<>(
                StocklineTestResource.serviceConfig(infrastructure, database, topicPrefix));
        config.put("quarkus.rest-client.inventory.url", inventory.baseUrl());
        config.put("stockline.outbox.relay-enabled", "false");
        // the stub answers the single reservation call: each hold goes alone (the batch call is
        // InventoryHoldsBatchTest's, against the real inventory-service)
        // (the jar runs the prod profile, whose own value would win over an unprofiled one)
        config.put("stockline.allocation.hold-batch.max-size", "1");
        config.put("%prod.stockline.allocation.hold-batch.max-size", "1");
        ServiceProcess deciding = start(config);

        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String orderId = "crash-" + sku + "-" + i;
            orders.add(orderId);
            kafka.sendCloudEvent(topic("orders"), orderId, AllocationFlowTest.ORDER_PLACED_TYPE,
                    UUID.randomUUID().toString(), JSON.writeValueAsString(Map.of("orderId", orderId, "paid", true,
                            "lines", List.of(Map.of("line", 1, "sku", sku, "quantity", 1)))));
        }
        await("every order decided in the database").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT count(*) FROM allocation WHERE status = 'ALLOCATED'") == ORDERS
                        && count("SELECT count(*) FROM outbox") == ORDERS);
        assertThat(kafka.on(topic("allocations"))).as("nothing published while the relay is held").isEmpty();

        deciding.kill(); // SIGKILL: decided, not published

        config.put("stockline.outbox.relay-enabled", "true");
        start(config);
        await("the outbox published and emptied").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT count(*) FROM outbox") == 0
                        && kafka.on(topic("allocations")).size() >= ORDERS);
        // Nothing more comes: exactly one record per decision.
        await().during(Duration.ofSeconds(3)).atMost(TIMEOUT)
                .until(() -> kafka.on(topic("allocations")).size() == ORDERS);

        List<KafkaProbe.Received> published = kafka.on(topic("allocations"));
        assertThat(published).extracting(KafkaProbe.Received::key).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(published).extracting(record -> record.header("ce_id")).doesNotHaveDuplicates();
        assertThat(published).allSatisfy(record -> assertThat(record.header("ce_type"))
                .isEqualTo(AllocationEvents.DECIDED_TYPE));
        Map<String, Stored> stored = storedDecisions();
        for (KafkaProbe.Received record : published) {
            Stored decision = stored.get(record.key());
            assertThat(record.header("ce_id")).as("the id the decision was made with")
                    .isEqualTo(AllocationEvents.eventId(record.key(), AllocationEvents.DECIDED_TYPE, decision.attempt())
                            .toString());
            JsonNode shipment = JSON.readTree(record.value()).at("/shipments/0");
            assertThat(shipment.get("location").asText()).isEqualTo(decision.location());
            assertThat(shipment.get("reservationId").asText()).isEqualTo(decision.reservationId());
        }
    }

    private record Stored(int attempt, String location, String reservationId) {
    }

    private ServiceProcess start(Map<String, String> config) {
        ServiceProcess process = ServiceProcess.start("allocation-service", config);
        processes.add(process);
        return process;
    }

    private String topic(String name) {
        return topicPrefix + name;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.pgUser(),
                infrastructure.pgPassword());
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private Map<String, Stored> storedDecisions() throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT a.order_id, a.attempt, s.location, s.reservation_id
                        FROM allocation a JOIN allocation_shipment s ON s.order_id = a.order_id""")) {
            while (rows.next()) {
                stored.put(rows.getString(1), new Stored(rows.getInt(2), rows.getString(3), rows.getString(4)));
            }
        }
        assertThat(stored).hasSize(ORDERS);
        return stored;
    }
}
