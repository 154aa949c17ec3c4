package io.stockline.allocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Orders and inventory.stock-changed on the real broker in; reservations against inventory (WireMock) and
 * decisions on {@code allocations} out; read model and decisions in a fresh PostgreSQL database.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class AllocationFlowTest {

    private static final String ORDER_PLACED_TYPE = "io.stockline.order.placed.v1";
    private static final String DECIDED_TYPE = "io.stockline.allocation.decided.v1";
    private static final String FAILED_TYPE = "io.stockline.allocation.failed.v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.orders")
    String ordersTopic;

    @ConfigProperty(name = "stockline.topics.allocations")
    String allocationsTopic;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @InjectWireMock
    WireMockServer inventory;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(allocationsTopic, ordersTopic + ".dlq", stockChangedTopic + ".dlq"));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void anOrderIsReservedWhereItShipsInOneParcelAndTheDecisionPublished() throws Exception {
        String mugs = newSku();
        String plates = newSku();
        String orderId = newOrderId();
        // WH-A holds far more mugs, but no plates: only WH-B holds the whole order.
        stockChanged(mugs, "WH-A", 1, 100);
        stockChanged(mugs, "WH-B", 1, 10);
        stockChanged(plates, "WH-B", 1, 2);
        awaitAvailability(mugs, plates, 3);
        UUID reservationId = UUID.randomUUID();
        List<Map<String, Object>> expectedLines = List.of(
                reservationLine(1, mugs, "WH-B", 4), reservationLine(2, plates, "WH-B", 1));
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo("allocation-" + orderId))
                .withRequestBody(equalToJson(JSON.writeValueAsString(Map.of("orderId", orderId, "lines", expectedLines)),
                        false, true))
                .willReturn(created(reservationId, orderId, expectedLines)));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, mugs, 4), orderLine(2, plates, 1));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        KafkaProbe.Received decision = decisions(orderId).get(0);
        assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE);
        assertThat(decision.header("ce_specversion")).isEqualTo("1.0");
        assertThat(decision.header("ce_source")).isEqualTo("/stockline/allocation-service");
        assertThat(decision.header("ce_subject")).isEqualTo(orderId);
        assertThat(decision.header("ce_id")).isNotBlank();
        JsonNode body = JSON.readTree(decision.value());
        assertThat(body.get("orderId").asText()).isEqualTo(orderId);
        assertThat(body.get("shipments")).hasSize(1);
        JsonNode shipment = body.get("shipments").get(0);
        assertThat(shipment.get("location").asText()).isEqualTo("WH-B");
        assertThat(shipment.get("reservationId").asText()).isEqualTo(reservationId.toString());
        assertThat(shipment.get("lines")).hasSize(2);
        assertThat(shipment.get("lines").get(0).get("sku").asText()).isEqualTo(mugs);
        assertThat(shipment.get("lines").get(0).get("quantity").asLong()).isEqualTo(4);
        assertThat(shipment.get("lines").get(1).get("sku").asText()).isEqualTo(plates);
        assertThat(shipment.get("lines").get(1).get("line").asInt()).isEqualTo(2);

        List<ServeEvent> calls = reservationCalls(orderId);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getResponse().getStatus()).isEqualTo(201);
        assertThat(allocationRow(orderId)).isEqualTo("ALLOCATED/" + reservationId + "/WH-B");
    }

    @Test
    void whenNoSingleLocationHoldsTheOrderInventoryPlacesTheLines() throws Exception {
        String mugs = newSku();
        String plates = newSku();
        String orderId = newOrderId();
        stockChanged(mugs, "WH-1", 1, 5);
        stockChanged(plates, "WH-2", 1, 5);
        awaitAvailability(mugs, plates, 2);
        UUID reservationId = UUID.randomUUID();
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo("allocation-" + orderId))
                .willReturn(created(reservationId, orderId,
                        List.of(reservationLine(1, mugs, "WH-1", 1), reservationLine(2, plates, "WH-2", 1)))));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, mugs, 1), orderLine(2, plates, 1));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        JsonNode request = JSON.readTree(reservationCalls(orderId).get(0).getRequest().getBodyAsString());
        assertThat(request.get("lines")).hasSize(2)
                .allSatisfy(line -> assertThat(line.path("location").isNull() || line.path("location").isMissingNode())
                        .as("no location asked for in %s", line).isTrue());
        KafkaProbe.Received decision = decisions(orderId).get(0);
        assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE);
        JsonNode shipments = JSON.readTree(decision.value()).get("shipments");
        assertThat(shipments).extracting(shipment -> shipment.get("location").asText()
                + ":" + shipment.get("lines").get(0).get("sku").asText())
                .containsExactly("WH-1:" + mugs, "WH-2:" + plates);
    }

    @Test
    void aRefusedReservationPublishesAFailedAllocation() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        stockChanged(sku, "WH1", 1, 5);
        awaitAvailability(sku, sku, 1);
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo("allocation-" + orderId))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":409,\"title\":\"Insufficient stock\"}")));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 3));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        KafkaProbe.Received decision = decisions(orderId).get(0);
        assertThat(decision.header("ce_type")).isEqualTo(FAILED_TYPE);
        JsonNode body = JSON.readTree(decision.value());
        assertThat(body.get("orderId").asText()).isEqualTo(orderId);
        assertThat(body.get("reason").asText()).isNotBlank();
        List<ServeEvent> calls = reservationCalls(orderId);
        assertThat(calls).hasSize(1);
        JsonNode request = JSON.readTree(calls.get(0).getRequest().getBodyAsString());
        assertThat(request.get("lines").get(0).get("location").asText()).isEqualTo("WH1");
        assertThat(allocationRow(orderId)).startsWith("FAILED/null/null");
    }

    @Test
    void whileInventoryIsUnavailableTheOrderWaitsAndIsDecidedOnce() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(sku, sku, 1);
        String scenario = "down-" + orderId;
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo("allocation-" + orderId))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo("allocation-" + orderId))
                .inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(created(UUID.randomUUID(), orderId, List.of(reservationLine(1, sku, "WH1", 2)))));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 2));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        // The failed attempt left nothing behind (not even the event id), so the retry reserved and decided.
        assertThat(reservationCalls(orderId)).extracting(call -> call.getResponse().getStatus())
                .containsExactly(503, 201);
        assertThat(decisions(orderId)).singleElement()
                .satisfies(decision -> assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE));
        assertThat(allocationRow(orderId)).startsWith("ALLOCATED/");
    }

    @Test
    void anOrderDeliveredTwiceOrSentAgainIsReservedOnce() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        String marker = newOrderId();
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(sku, sku, 1);
        for (String order : List.of(orderId, marker)) {
            inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                    .withHeader("Idempotency-Key", equalTo("allocation-" + order))
                    .willReturn(created(UUID.randomUUID(), order, List.of(reservationLine(1, sku, "WH1", 1)))));
        }

        String eventId = UUID.randomUUID().toString();
        placeOrder(orderId, eventId, orderLine(1, sku, 1));
        placeOrder(orderId, eventId, orderLine(1, sku, 1));
        // The order system sends the same order again as a new event: it is already decided.
        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 1));
        // Another order, sent with the same key so that it lands on the same partition behind the redelivery:
        // once it is decided, the redelivery has been consumed.
        placeOrder(orderId, marker, UUID.randomUUID().toString(), orderLine(1, sku, 1));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(marker)).isNotEmpty());
        assertThat(reservationCalls(orderId)).hasSize(1);
        assertThat(decisions(orderId)).hasSize(1)
                .allSatisfy(decision -> assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE));
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicsAndTheConsumersGoOn() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        String ordersDlq = ordersTopic + ".dlq";
        String stockDlq = stockChangedTopic + ".dlq";

        kafka.sendRaw(stockChangedTopic, sku, "not json");
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(sku, sku, 1);
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo("allocation-" + orderId))
                .willReturn(created(UUID.randomUUID(), orderId, List.of(reservationLine(1, sku, "WH1", 2)))));

        kafka.sendRaw(ordersTopic, orderId, "not json"); // not even a CloudEvent
        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_PLACED_TYPE, UUID.randomUUID().toString(), "not json");
        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_PLACED_TYPE, UUID.randomUUID().toString(),
                "{\"orderId\":\"" + orderId + "\",\"channel\":\"webshop\",\"paid\":true,\"lines\":[]}"); // no lines
        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 2));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(stockDlq))
                .filteredOn(dead -> sku.equals(dead.key())).singleElement()
                .satisfies(dead -> assertThat(dead.header("dead-letter-reason")).isNotBlank()));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        assertThat(decisions(orderId)).singleElement()
                .satisfies(decision -> assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(ordersDlq))
                .filteredOn(dead -> orderId.equals(dead.key())).hasSize(3)
                .allSatisfy(dead -> assertThat(dead.header("dead-letter-reason")).isNotBlank())
                .extracting(KafkaProbe.Received::value).startsWith("not json", "not json"));
        assertThat(reservationCalls(orderId)).hasSize(1);
    }

    // --- helpers

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String newOrderId() {
        return "order-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void stockChanged(String sku, String location, long version, long available) {
        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, location, version, available);
    }

    private static Map<String, Object> orderLine(int line, String sku, long quantity) {
        return Map.of("line", line, "sku", sku, "quantity", quantity);
    }

    @SafeVarargs
    private void placeOrder(String orderId, String eventId, Map<String, Object>... lines) throws Exception {
        placeOrder(orderId, orderId, eventId, lines);
    }

    /** An OrderPlaced CloudEvent for orderId, sent with the given Kafka key. */
    @SafeVarargs
    private void placeOrder(String key, String orderId, String eventId, Map<String, Object>... lines) throws Exception {
        String json = JSON.writeValueAsString(Map.of("orderId", orderId, "channel", "webshop", "paid", true,
                "lines", List.of(lines)));
        kafka.sendCloudEvent(ordersTopic, key, ORDER_PLACED_TYPE, eventId, json);
    }

    private static Map<String, Object> reservationLine(int line, String sku, String location, long quantity) {
        return Map.of("line", line, "sku", sku, "location", location, "quantity", quantity);
    }

    /** inventory's 201: the reservation with its held lines. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(UUID id, String orderId,
            List<Map<String, Object>> lines) {
        ObjectNode body = JSON.createObjectNode().put("id", id.toString()).put("orderId", orderId)
                .put("status", "ACTIVE").put("expiresAt", "2026-11-23T10:15:00Z");
        ArrayNode held = body.putArray("lines");
        lines.forEach(line -> held.add(JSON.valueToTree(line)));
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    /** The decisions published for the order, in order. */
    private List<KafkaProbe.Received> decisions(String orderId) {
        return kafka.on(allocationsTopic).stream().filter(record -> orderId.equals(record.key())).toList();
    }

    /** The reservation requests inventory received for the order, oldest first. */
    private List<ServeEvent> reservationCalls(String orderId) {
        List<ServeEvent> calls = new ArrayList<>();
        for (ServeEvent event : inventory.getAllServeEvents()) { // newest first
            if (InventoryMock.RESERVATIONS_PATH.equals(event.getRequest().getUrl())
                    && ("allocation-" + orderId).equals(event.getRequest().getHeader("Idempotency-Key"))) {
                calls.add(0, event);
            }
        }
        return calls;
    }

    /** Waits until the read model holds the expected number of (SKU, location) rows for the two SKUs. */
    private void awaitAvailability(String sku1, String sku2, int rows) {
        await().atMost(TIMEOUT).until(() -> query(
                "SELECT count(*) FROM availability WHERE sku IN (?, ?)", sku1, sku2).equals(String.valueOf(rows)));
    }

    /** status/reservation/location of the order's allocation row. */
    private String allocationRow(String orderId) throws SQLException {
        return query("SELECT status || '/' || COALESCE(reservation_id::text, 'null') || '/' || COALESCE(location, 'null')"
                + " FROM allocation WHERE order_id = ?", orderId);
    }

    private String query(String sql, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
