package io.stockline.allocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.stockline.allocation.domain.StockChanged;
import io.stockline.allocation.messaging.AllocationEvents;
import io.stockline.allocation.service.ReadModelService;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;
import io.stockline.testsupport.TestDatabase;

/**
 * Orders, inventory.stock-changed and inventory.locations on the real broker in; reservations against
 * inventory (WireMock) and decisions on {@code allocations} out; read models and decisions in a fresh
 * PostgreSQL database.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class AllocationFlowTest {

    static final String ORDER_PLACED_TYPE = "io.stockline.order.placed.v1";
    private static final String STOCK_CHANGED_TYPE = "io.stockline.inventory.stock-changed.v1";
    static final String ORDER_CANCELLED_TYPE = "io.stockline.order.cancelled.v1";
    static final String ORDER_SHIPPED_TYPE = "io.stockline.order.shipped.v1";
    private static final String DECIDED_TYPE = "io.stockline.allocation.decided.v1";
    private static final String FAILED_TYPE = "io.stockline.allocation.failed.v1";
    private static final String BACKORDERED_TYPE = "io.stockline.allocation.backordered.v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.orders")
    String ordersTopic;

    @ConfigProperty(name = "stockline.topics.allocations")
    String allocationsTopic;

    @ConfigProperty(name = "stockline.topics.locations")
    String locationsTopic;

    @InjectWireMock
    WireMockServer inventory;

    @Inject
    ReadModelService readModel;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(allocationsTopic, ordersTopic + ".dlq", stockChangedTopic + ".dlq", locationsTopic + ".dlq"));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void anOrderShipsInOneParcelFromTheOnlyLocationThatHoldsItAll() throws Exception {
        String mugs = newSku();
        String plates = newSku();
        String orderId = newOrderId();
        // WH-A holds far more mugs, but no plates: only WH-B ships the order in one parcel.
        stockChanged(mugs, "WH-A", 1, 100);
        stockChanged(mugs, "WH-B", 1, 10);
        stockChanged(plates, "WH-B", 1, 2);
        awaitAvailability(3, mugs, plates);
        UUID reservationId = UUID.randomUUID();
        List<Map<String, Object>> expectedLines = List.of(
                reservationLine(1, mugs, "WH-B", 4), reservationLine(2, plates, "WH-B", 1));
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 1, "WH-B")))
                .withRequestBody(equalToJson(JSON.writeValueAsString(Map.of("orderId", orderId, "lines", expectedLines)),
                        false, false))
                .willReturn(created(reservationId, orderId, expectedLines)));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, mugs, 4), orderLine(2, plates, 1));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        KafkaProbe.Received decision = decisions(orderId).get(0);
        assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE);
        assertThat(decision.header("ce_specversion")).isEqualTo("1.0");
        assertThat(decision.header("ce_source")).isEqualTo("/stockline/allocation-service");
        assertThat(decision.header("ce_subject")).isEqualTo(orderId);
        assertThat(decision.header("ce_id")).isNotBlank();
        // Derived from the decision, so a decision written again after a retried transaction keeps its id.
        assertThat(decision.header("ce_id")).isEqualTo(AllocationEvents.eventId(orderId, DECIDED_TYPE, 1).toString());
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

        assertThat(reservationCalls(orderId)).singleElement()
                .satisfies(call -> assertThat(call.getResponse().getStatus()).isEqualTo(201));
        JsonNode allocation = allocation(orderId);
        assertThat(allocation.get("status").asText()).isEqualTo("ALLOCATED");
        assertThat(allocation.get("shipments")).singleElement().satisfies(held -> {
            assertThat(held.get("location").asText()).isEqualTo("WH-B");
            assertThat(held.get("reservationId").asText()).isEqualTo(reservationId.toString());
            assertThat(held.get("status").asText()).isEqualTo("HELD");
        });
    }

    @Test
    void whenNoLocationHoldsItAllTheFewestShipEachUnderAReservationOfItsOwn() throws Exception {
        String mugs = newSku();
        String plates = newSku();
        String orderId = newOrderId();
        stockChanged(mugs, "WH-1", 1, 5);
        stockChanged(mugs, "WH-3", 1, 1);
        stockChanged(plates, "WH-2", 1, 5);
        awaitAvailability(3, mugs, plates);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 1, "WH-1")))
                .willReturn(created(first, orderId, List.of(reservationLine(1, mugs, "WH-1", 2)))));
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 1, "WH-2")))
                .willReturn(created(second, orderId, List.of(reservationLine(2, plates, "WH-2", 1)))));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, mugs, 2), orderLine(2, plates, 1));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        KafkaProbe.Received decision = decisions(orderId).get(0);
        assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE);
        JsonNode shipments = JSON.readTree(decision.value()).get("shipments");
        assertThat(shipments).extracting(s -> s.get("location").asText() + ":" + s.get("reservationId").asText()
                + ":" + s.get("lines").get(0).get("sku").asText())
                .containsExactlyInAnyOrder("WH-1:" + first + ":" + mugs, "WH-2:" + second + ":" + plates);
        List<ServeEvent> calls = reservationCalls(orderId);
        assertThat(calls).hasSize(2);
        for (ServeEvent call : calls) {
            JsonNode request = JSON.readTree(call.getRequest().getBodyAsString());
            String location = request.get("lines").get(0).get("location").asText();
            assertThat(call.getRequest().getHeader("Idempotency-Key")).isEqualTo(key(orderId, 1, location));
            assertThat(request.get("lines")).allSatisfy(line -> assertThat(line.get("location").asText())
                    .isEqualTo(location));
            assertThat(request.has("expiresAt")).as("a paid order's hold does not expire").isFalse();
        }
    }

    @Test
    void aRefusedPlanIsPlannedAgainWithInventorysFreshFigures() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        stockChanged(sku, "WH1", 1, 5);
        stockChanged(sku, "WH2", 1, 5);
        awaitAvailability(2, sku);
        // Someone else took WH1's stock since the read model saw it: inventory refuses, its figures say so.
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 1, "WH1")))
                .willReturn(insufficientStock()));
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku))
                .willReturn(stock(sku, Map.of("WH1", new long[] {0, 7}, "WH2", new long[] {5, 1}))));
        UUID reservationId = UUID.randomUUID();
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 2, "WH2")))
                .willReturn(created(reservationId, orderId, List.of(reservationLine(1, sku, "WH2", 3)))));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 3));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        assertThat(decisions(orderId)).singleElement().satisfies(decision -> {
            assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE);
            assertThat(JSON.readTree(decision.value()).get("shipments").get(0).get("location").asText()).isEqualTo("WH2");
        });
        assertThat(reservationCalls(orderId)).extracting(call -> call.getRequest().getHeader("Idempotency-Key"))
                .containsExactly(key(orderId, 1, "WH1"), key(orderId, 2, "WH2"));
        assertThat(query("SELECT available || '/' || version FROM availability WHERE sku = ? AND location = 'WH1'", sku))
                .isEqualTo("0/7");
        assertThat(allocation(orderId).get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void anOrderTheReadModelCannotCoverYetIsPlannedFromInventorysFigures() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        // No stock-changed has arrived for this SKU yet; inventory already holds it.
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku))
                .willReturn(stock(sku, Map.of("WH9", new long[] {5, 1}))));
        UUID reservationId = UUID.randomUUID();
        stubReservation(orderId, "WH9", reservationId, reservationLine(1, sku, "WH9", 2));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 2));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        assertThat(decisions(orderId)).singleElement().satisfies(decision -> {
            assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE);
            assertThat(JSON.readTree(decision.value()).at("/shipments/0/reservationId").asText())
                    .isEqualTo(reservationId.toString());
        });
        assertThat(query("SELECT available || '/' || version FROM availability WHERE sku = ? AND location = 'WH9'", sku))
                .isEqualTo("5/1");
    }

    @Test
    void whenInventoryHasNoStockLeftTheOrderIsBackordered() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        stockChanged(sku, "WH1", 1, 5);
        awaitAvailability(1, sku);
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 1, "WH1")))
                .willReturn(insufficientStock()));
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku))
                .willReturn(stock(sku, Map.of("WH1", new long[] {0, 2}))));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 3));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        KafkaProbe.Received decision = decisions(orderId).get(0);
        assertThat(decision.header("ce_type")).isEqualTo(BACKORDERED_TYPE);
        JsonNode body = JSON.readTree(decision.value());
        assertThat(body.get("lines")).singleElement().satisfies(line -> {
            assertThat(line.get("sku").asText()).isEqualTo(sku);
            assertThat(line.get("quantity").asLong()).isEqualTo(3);
        });
        assertThat(body.get("reason").asText()).isNotBlank();
        assertThat(reservationCalls(orderId)).hasSize(1);
        assertThat(allocation(orderId).get("status").asText()).isEqualTo("BACKORDERED");
    }

    @Test
    void aBackorderIsAllocatedOnceStockArrives() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku)).inScenario("restock-" + sku)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(stock(sku, Map.of())));
        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 2));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).singleElement()
                .satisfies(decision -> assertThat(decision.header("ce_type")).isEqualTo(BACKORDERED_TYPE)));

        // A receipt: inventory now holds 4 at WH1, and its event reaches the read model.
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku)).inScenario("restock-" + sku)
                .whenScenarioStateIs("restocked").willReturn(stock(sku, Map.of("WH1", new long[] {4, 1}))));
        inventory.setScenarioState("restock-" + sku, "restocked");
        UUID reservationId = UUID.randomUUID();
        // Attempt 0 found nothing; the backorder's new round plans attempt 1.
        stubReservation(orderId, "WH1", reservationId, reservationLine(1, sku, "WH1", 2));
        stockChanged(sku, "WH1", 1, 4);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).hasSize(2));
        KafkaProbe.Received decided = decisions(orderId).get(1);
        assertThat(decided.header("ce_type")).isEqualTo(DECIDED_TYPE);
        assertThat(JSON.readTree(decided.value()).at("/shipments/0/reservationId").asText())
                .isEqualTo(reservationId.toString());
        assertThat(allocation(orderId).get("status").asText()).isEqualTo("ALLOCATED");
        assertThat(reservationCalls(orderId)).hasSize(1);
    }

    /**
     * Found by the fault suite (deploy/local/e2e FaultSuiteIT): a backorder taken up again while inventory was away
     * stayed PENDING for ever, as no order event would come for it again. The next sweep resumes the round.
     */
    @Test
    void aBackorderTakenUpWhileInventoryFailsIsDecidedOnceInventoryAnswers() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        String scenario = "restock-failing-" + sku;
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(stock(sku, Map.of())));
        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 2));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).singleElement()
                .satisfies(decision -> assertThat(decision.header("ce_type")).isEqualTo(BACKORDERED_TYPE)));

        // Stock arrives, but the round that takes the backorder up finds inventory failing (its database away).
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku)).inScenario(scenario)
                .whenScenarioStateIs("failing").willReturn(aResponse().withStatus(500)).willSetStateTo("back"));
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku)).inScenario(scenario)
                .whenScenarioStateIs("back").willReturn(stock(sku, Map.of("WH1", new long[] {4, 1}))));
        inventory.setScenarioState(scenario, "failing");
        UUID reservationId = UUID.randomUUID();
        stubReservation(orderId, "WH1", reservationId, reservationLine(1, sku, "WH1", 2));
        stockChanged(sku, "WH1", 1, 4);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(allocation(orderId).get("status").asText())
                .isEqualTo("ALLOCATED"));
        assertThat(inventory.getAllServeEvents()).filteredOn(call -> call.getRequest().getUrl()
                .equals("/api/v1/stock/" + sku) && call.getResponse().getStatus() == 500)
                .as("the round that failed").isNotEmpty();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).hasSize(2));
        assertThat(decisions(orderId)).extracting(decision -> decision.header("ce_type"))
                .as("backordered once, then decided once").containsExactly(BACKORDERED_TYPE, DECIDED_TYPE);
        assertThat(JSON.readTree(decisions(orderId).get(1).value()).at("/shipments/0/reservationId").asText())
                .isEqualTo(reservationId.toString());
        assertThat(reservationCalls(orderId)).hasSize(1);
    }

    @Test
    void whenInventoryKeepsRefusingTheOrderFailsAfterTheLastAttempt() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        stockChanged(sku, "WH1", 1, 5);
        awaitAvailability(1, sku);
        // Inventory's figures keep showing stock that its reservations refuse (the default answer is 409).
        inventory.stubFor(get(urlEqualTo("/api/v1/stock/" + sku))
                .willReturn(stock(sku, Map.of("WH1", new long[] {5, 2}))));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 3));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        KafkaProbe.Received decision = decisions(orderId).get(0);
        assertThat(decision.header("ce_type")).isEqualTo(FAILED_TYPE);
        assertThat(JSON.readTree(decision.value()).get("reason").asText()).contains("3 plans");
        assertThat(reservationCalls(orderId)).extracting(call -> call.getRequest().getHeader("Idempotency-Key"))
                .containsExactly(key(orderId, 1, "WH1"), key(orderId, 2, "WH1"), key(orderId, 3, "WH1"));
        assertThat(allocation(orderId).get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void whileInventoryIsUnavailableTheOrderWaitsAndIsDecidedOnce() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(1, sku);
        String scenario = "down-" + orderId;
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 1, "WH1")))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 1, "WH1")))
                .inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(created(UUID.randomUUID(), orderId, List.of(reservationLine(1, sku, "WH1", 2)))));

        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 2));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        // The retry asked again under the same key and with the same body, so inventory holds the stock once.
        List<ServeEvent> calls = reservationCalls(orderId);
        assertThat(calls).extracting(call -> call.getResponse().getStatus()).containsExactly(503, 201);
        assertThat(calls.get(1).getRequest().getBodyAsString()).isEqualTo(calls.get(0).getRequest().getBodyAsString());
        assertThat(decisions(orderId)).singleElement()
                .satisfies(decision -> assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE));
        assertThat(allocation(orderId).get("status").asText()).isEqualTo("ALLOCATED");
    }

    @Test
    void anOrderDeliveredTwiceOrSentAgainIsReservedOnce() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        String marker = newOrderId();
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(1, sku);
        for (String order : List.of(orderId, marker)) {
            inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                    .withHeader("Idempotency-Key", equalTo(key(order, 1, "WH1")))
                    .willReturn(created(UUID.randomUUID(), order, List.of(reservationLine(1, sku, "WH1", 1)))));
        }

        String eventId = UUID.randomUUID().toString();
        placeOrder(orderId, eventId, orderLine(1, sku, 1));
        placeOrder(orderId, eventId, orderLine(1, sku, 1));
        // The order system sends the same order again as a new event: it is already decided.
        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 1));
        // Another order, sent with the same key so that it lands on the same partition behind the redelivery:
        // once it is decided, the redelivery has been consumed.
        placeOrder(orderId, marker, UUID.randomUUID().toString(), true, orderLine(1, sku, 1));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(marker)).isNotEmpty());
        assertThat(reservationCalls(orderId)).hasSize(1);
        assertThat(decisions(orderId)).hasSize(1)
                .allSatisfy(decision -> assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE));
    }

    @Test
    void anUnpaidOrderIsHeldOnlyUntilItsHoldExpires() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(1, sku);
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 1, "WH1")))
                .willReturn(created(UUID.randomUUID(), orderId, List.of(reservationLine(1, sku, "WH1", 1)))));

        placeOrder(orderId, orderId, UUID.randomUUID().toString(), false, orderLine(1, sku, 1));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        JsonNode request = JSON.readTree(reservationCalls(orderId).get(0).getRequest().getBodyAsString());
        OffsetDateTime expiresAt = OffsetDateTime.parse(request.get("expiresAt").asText());
        assertThat(expiresAt).isBetween(OffsetDateTime.now().plusMinutes(25), OffsetDateTime.now().plusMinutes(31));
    }

    /**
     * Regression: {@code paid} is optional in the AsyncAPI document; such an order was dead-lettered. An order with
     * nothing but its two required fields (orderId, lines) is decided.
     */
    @Test
    void anOrderPlacedWithoutPaidIsAllocatedAsAnUnpaidOne() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(1, sku);
        stubReservation(orderId, "WH1", UUID.randomUUID(), reservationLine(1, sku, "WH1", 1));

        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_PLACED_TYPE, UUID.randomUUID().toString(),
                JSON.writeValueAsString(Map.of("orderId", orderId, "lines", List.of(orderLine(1, sku, 1)))));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).singleElement()
                .satisfies(decision -> assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE)));
        // Absent means not paid: the hold expires after the unpaid hold.
        JsonNode request = JSON.readTree(reservationCalls(orderId).get(0).getRequest().getBodyAsString());
        assertThat(OffsetDateTime.parse(request.get("expiresAt").asText()))
                .isBetween(OffsetDateTime.now().plusMinutes(25), OffsetDateTime.now().plusMinutes(31));
        assertThat(kafka.on(ordersTopic + ".dlq")).noneMatch(dead -> orderId.equals(dead.key()));
    }

    /** A database fault is an infrastructure error: the stock change waits it out and is applied, not dead-lettered. */
    @Test
    void aStockChangeTheDatabaseRefusesForAWhileIsRetriedNotDeadLettered() throws Exception {
        String sku = newSku();
        String name = "refuse_" + sku.substring(4).replace('-', '_').toLowerCase();
        execute("CREATE SEQUENCE " + name + "_tries");
        execute("CREATE FUNCTION " + name + "() RETURNS trigger AS $$ BEGIN IF NEW.sku = '" + sku + "' THEN "
                + "PERFORM nextval('" + name + "_tries'); RAISE EXCEPTION 'database unwell'; END IF; RETURN NEW; "
                + "END $$ LANGUAGE plpgsql");
        execute("CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON availability FOR EACH ROW EXECUTE FUNCTION "
                + name + "()");
        try {
            stockChanged(sku, "WH1", 1, 7);
            // nextval is not rolled back with the failed transaction: it counts the consumer's tries.
            await().atMost(TIMEOUT).until(() -> Long.parseLong(query(
                    "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + name + "_tries")) >= 2);
        } finally {
            execute("DROP TRIGGER " + name + " ON availability");
            execute("DROP FUNCTION " + name + "()");
        }
        await().atMost(TIMEOUT).until(() -> "7".equals(query(
                "SELECT available FROM availability WHERE sku = ? AND location = 'WH1'", sku)));
        assertThat(kafka.on(stockChangedTopic + ".dlq")).noneMatch(dead -> sku.equals(dead.key()));
    }

    @Test
    void aVersionFarPastTheKnownOneIsRefusedAndTheNextRealChangeStillApplies() throws Exception {
        String sku = newSku();
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(1, sku);

        stockChanged(sku, "WH1", 5_000_000, 999); // forged: would make every real change after it look stale
        stockChanged(sku, "WH1", 2, 4);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(stockChangedTopic + ".dlq"))
                .filteredOn(dead -> sku.equals(dead.key())).singleElement()
                .satisfies(dead -> assertThat(dead.header("dead-letter-reason"))
                        .contains("version 5000000 of " + sku + " at WH1 is more than 1000000 past the known 1")));
        await().atMost(TIMEOUT).until(() -> "4 2".equals(query(
                "SELECT available || ' ' || version FROM availability WHERE sku = ? AND location = 'WH1'", sku)));
    }

    @Test
    void aBatchOfStockChangesIsOneTransactionAndALeapAmongThemWritesNothingOfIt() throws Throwable {
        List<String> skus = List.of(newSku(), newSku(), newSku());
        List<ReadModelService.Identified> batch = new ArrayList<>();
        for (String sku : skus) {
            batch.add(identified(sku, 1, 10));
            batch.add(identified(sku, 3, 7));
            batch.add(identified(sku, 2, 8)); // older than the one before it: the newest wins, whatever the order
        }

        VertxContextSupport.subscribeAndAwait(() -> readModel.onStockChangedAll(batch));

        String all = String.join(",", skus);
        assertThat(query("SELECT string_agg(DISTINCT available || ' ' || version, ',') FROM availability WHERE sku = ANY (?)",
                all)).isEqualTo("7 3");
        assertThat(query("SELECT count(DISTINCT xmin::text) FROM availability WHERE sku = ANY (?)", all)).isEqualTo("1");
        assertThat(query("SELECT count(*) FROM processed_event WHERE event_id::text = ANY (?)",
                String.join(",", batch.stream().map(event -> event.eventId().toString()).toList())))
                .isEqualTo(String.valueOf(batch.size()));

        // a leap in a batch refuses the batch whole: nothing of it written, its ids not recorded, for the consumer
        // to apply it record by record
        List<ReadModelService.Identified> leaping = List.of(identified(skus.get(0), 4, 6),
                identified(skus.get(1), 5_000_000, 999), identified(skus.get(2), 4, 6));
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> readModel.onStockChangedAll(leaping)))
                .isInstanceOf(PoisonRecord.class)
                .hasMessageContaining("version 5000000 of " + skus.get(1) + " at WH1 is more than 1000000 past the known 3");
        assertThat(query("SELECT string_agg(DISTINCT available || ' ' || version, ',') FROM availability WHERE sku = ANY (?)",
                all)).isEqualTo("7 3");
        assertThat(query("SELECT count(*) FROM processed_event WHERE event_id::text = ANY (?)",
                String.join(",", leaping.stream().map(event -> event.eventId().toString()).toList()))).isEqualTo("0");
    }

    @Test
    void aLeapSentAmongManyStockChangesIsDeadLetteredAloneAndTheOthersApply() throws Exception {
        List<String> skus = new ArrayList<>();
        List<KafkaProbe.Outgoing> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String sku = newSku();
            skus.add(sku);
            burst.add(stockChangedRecord(sku, 1, 9));
            burst.add(stockChangedRecord(sku, 2, 5));
            if (i == 15) {
                burst.add(stockChangedRecord(sku, 5_000_000, 999)); // forged, in the middle of the others
            }
        }
        burst.add(new KafkaProbe.Outgoing(skus.get(3), "{not json", Map.of("ce_type", STOCK_CHANGED_TYPE,
                "ce_id", UUID.randomUUID().toString(), "ce_specversion", "1.0", "ce_source", "/stockline/tests")));

        kafka.sendAll(stockChangedTopic, burst);

        await().atMost(TIMEOUT).until(() -> "30".equals(query(
                "SELECT count(*) FROM availability WHERE sku = ANY (?) AND available = 5 AND version = 2",
                String.join(",", skus))));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(kafka.on(stockChangedTopic + ".dlq")).filteredOn(dead -> skus.contains(dead.key())).hasSize(2);
            assertThat(kafka.on(stockChangedTopic + ".dlq")).filteredOn(dead -> skus.get(15).equals(dead.key()))
                    .singleElement().satisfies(dead -> assertThat(dead.header("dead-letter-reason"))
                            .contains("version 5000000 of " + skus.get(15) + " at WH1 is more than 1000000 past"));
            assertThat(kafka.on(stockChangedTopic + ".dlq")).filteredOn(dead -> skus.get(3).equals(dead.key()))
                    .singleElement().satisfies(dead -> assertThat(dead.value()).isEqualTo("{not json"));
        });
    }

    @Test
    void aCancelReleasesEveryShipmentOnceAndAShipmentCommits() throws Exception {
        String sku = newSku();
        String cancelled = newOrderId();
        String shipped = newOrderId();
        stockChanged(sku, "WH1", 1, 2);
        stockChanged(sku, "WH2", 1, 2);
        awaitAvailability(2, sku);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        stubReservation(cancelled, "WH1", first, reservationLine(1, sku, "WH1", 2));
        stubReservation(cancelled, "WH2", second, reservationLine(1, sku, "WH2", 1));
        // The read model has not seen the first order's holds yet: it still plans from WH1.
        stubReservation(shipped, "WH1", third, reservationLine(1, sku, "WH1", 1));
        placeOrder(cancelled, UUID.randomUUID().toString(), orderLine(1, sku, 3));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(cancelled)).isNotEmpty());
        placeOrder(shipped, UUID.randomUUID().toString(), orderLine(1, sku, 1));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(shipped)).isNotEmpty());

        String cancelId = UUID.randomUUID().toString();
        kafka.sendCloudEvent(ordersTopic, cancelled, ORDER_CANCELLED_TYPE, cancelId,
                JSON.writeValueAsString(Map.of("orderId", cancelled, "reason", "customer changed their mind")));
        kafka.sendCloudEvent(ordersTopic, cancelled, ORDER_CANCELLED_TYPE, cancelId,
                JSON.writeValueAsString(Map.of("orderId", cancelled, "reason", "customer changed their mind")));
        kafka.sendCloudEvent(ordersTopic, shipped, ORDER_SHIPPED_TYPE, UUID.randomUUID().toString(),
                JSON.writeValueAsString(Map.of("orderId", shipped, "shipments", List.of(Map.of("location", "WH1",
                        "lines", List.of(orderLine(1, sku, 1)))))));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(allocation(cancelled).get("status").asText()).isEqualTo("CANCELLED");
            assertThat(allocation(shipped).get("status").asText()).isEqualTo("SHIPPED");
        });
        assertThat(calls("/api/v1/reservations/" + first + "/release")).isEqualTo(1);
        assertThat(calls("/api/v1/reservations/" + second + "/release")).isEqualTo(1);
        assertThat(calls("/api/v1/reservations/" + third + "/commit")).isEqualTo(1);
        assertThat(calls("/api/v1/reservations/" + third + "/release")).isZero();
        assertThat(allocation(cancelled).get("shipments")).extracting(s -> s.get("status").asText())
                .containsExactly("RELEASED", "RELEASED");
        assertThat(allocation(shipped).get("shipments")).extracting(s -> s.get("status").asText())
                .containsExactly("COMMITTED");
    }

    @Test
    void aCancelOrShipmentArrivingBeforeItsOrderLeavesNothingHeld() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        String marker = newOrderId();
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(1, sku);
        stubReservation(marker, "WH1", UUID.randomUUID(), reservationLine(1, sku, "WH1", 1));

        String shippedFirst = newOrderId();
        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_CANCELLED_TYPE, UUID.randomUUID().toString(),
                JSON.writeValueAsString(Map.of("orderId", orderId)));
        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 1));
        // A shipment reported before its order (the order system's events crossed) leaves nothing held either.
        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_SHIPPED_TYPE, UUID.randomUUID().toString(),
                JSON.writeValueAsString(Map.of("orderId", shippedFirst, "shipments", List.of(Map.of("location", "WH1",
                        "lines", List.of(orderLine(1, sku, 1)))))));
        placeOrder(orderId, shippedFirst, UUID.randomUUID().toString(), true, orderLine(1, sku, 1));
        placeOrder(orderId, marker, UUID.randomUUID().toString(), true, orderLine(1, sku, 1));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(marker)).isNotEmpty());
        assertThat(reservationCalls(orderId)).isEmpty();
        assertThat(reservationCalls(shippedFirst)).isEmpty();
        assertThat(decisions(orderId)).isEmpty();
        assertThat(decisions(shippedFirst)).isEmpty();
        assertThat(allocation(orderId).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(allocation(shippedFirst).get("status").asText()).isEqualTo("SHIPPED");
    }

    @Test
    void locationsFromInventoryDecideMarketDistanceAndPriorityAndStaleRevisionsAreDropped() throws Exception {
        String sku = newSku();
        String suffix = sku.substring(4);
        String hamburg = "HAM-" + suffix;
        String munich = "MUC-" + suffix;
        String vienna = "VIE-" + suffix;
        locationChanged(hamburg, 53.55, 9.99, 0, true, List.of("DE"), 2);
        locationChanged(hamburg, 53.55, 9.99, 0, false, List.of("DE"), 1); // older: dropped
        locationChanged(munich, 48.14, 11.58, 9, true, List.of("DE"), 1);
        locationChanged(vienna, 48.21, 16.37, 0, true, List.of("AT"), 1);
        kafka.sendRaw(locationsTopic, "broken", "{not json");
        stockChanged(sku, hamburg, 1, 5);
        stockChanged(sku, munich, 1, 5);
        stockChanged(sku, vienna, 1, 5);
        awaitAvailability(3, sku);
        await().atMost(TIMEOUT).until(() -> "3".equals(query("SELECT count(*) FROM location WHERE code IN (?, ?, ?)",
                hamburg, munich, vienna)));

        // Berlin: Hamburg is closest (Vienna is nearer than Munich, but not in the German market).
        assertThat(preview("webshop", sku, "DE", 52.52, 13.40)).isEqualTo(hamburg);
        // Vienna's own market.
        assertThat(preview("webshop", sku, "AT", 48.2, 16.4)).isEqualTo(vienna);
        // A channel whose admin puts priority before distance ships from Munich.
        String channel = "stores-" + suffix;
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("rules", List.of("STAY_IN_MARKET", "PRIORITY", "CLOSEST"), "shortage", "FAIL"))
                .put("/api/v1/routing/" + channel).then().statusCode(200);
        assertThat(preview(channel, sku, "DE", 52.52, 13.40)).isEqualTo(munich);
        assertThat(reservationCalls("preview")).isEmpty();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(locationsTopic + ".dlq"))
                .filteredOn(dead -> "broken".equals(dead.key())).singleElement()
                .satisfies(dead -> assertThat(dead.header("dead-letter-reason")).isNotBlank()));
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicsAndTheConsumersGoOn() throws Exception {
        String sku = newSku();
        String orderId = newOrderId();
        String ordersDlq = ordersTopic + ".dlq";
        String stockDlq = stockChangedTopic + ".dlq";

        kafka.sendRaw(stockChangedTopic, sku, "not json");
        stockChanged(sku, "WH1", 1, 10);
        awaitAvailability(1, sku);
        stubReservation(orderId, "WH1", UUID.randomUUID(), reservationLine(1, sku, "WH1", 2));

        kafka.sendRaw(ordersTopic, orderId, "not json"); // not even a CloudEvent
        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_PLACED_TYPE, UUID.randomUUID().toString(), "not json");
        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_PLACED_TYPE, UUID.randomUUID().toString(),
                "{\"orderId\":\"" + orderId + "\",\"channel\":\"webshop\",\"paid\":true,\"lines\":[]}"); // no lines
        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_PLACED_TYPE, UUID.randomUUID().toString(),
                "{\"orderId\":\"" + orderId + "\",\"paid\":true,\"lines\":[{\"line\":1,\"sku\":\"" + sku
                        + "\",\"quantity\":0}]}"); // nothing to ship
        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_CANCELLED_TYPE, UUID.randomUUID().toString(), "{}");
        kafka.sendCloudEvent(ordersTopic, orderId, ORDER_SHIPPED_TYPE, UUID.randomUUID().toString(),
                "{\"orderId\":\"" + orderId + "\"}"); // no shipments
        placeOrder(orderId, UUID.randomUUID().toString(), orderLine(1, sku, 2));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(stockDlq))
                .filteredOn(dead -> sku.equals(dead.key())).singleElement()
                .satisfies(dead -> assertThat(dead.header("dead-letter-reason")).isNotBlank()));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decisions(orderId)).isNotEmpty());
        assertThat(decisions(orderId)).singleElement()
                .satisfies(decision -> assertThat(decision.header("ce_type")).isEqualTo(DECIDED_TYPE));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.on(ordersDlq))
                .filteredOn(dead -> orderId.equals(dead.key())).hasSize(6)
                .allSatisfy(dead -> assertThat(dead.header("dead-letter-reason")).isNotBlank())
                .extracting(KafkaProbe.Received::value).startsWith("not json", "not json"));
        assertThat(kafka.on(ordersDlq)).filteredOn(dead -> orderId.equals(dead.key()))
                .extracting(dead -> dead.header("dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("quantity"));
        assertThat(reservationCalls(orderId)).hasSize(1);
    }

    // --- helpers

    static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newOrderId() {
        return "order-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String key(String orderId, int attempt, String location) {
        return "allocation-" + orderId + "-" + attempt + "-" + location;
    }

    private static ReadModelService.Identified identified(String sku, long version, long available) {
        UUID eventId = UUID.randomUUID();
        return new ReadModelService.Identified(eventId, new StockChanged(eventId, sku, "WH1", version, available));
    }

    /** What inventory publishes for (sku, WH1), as a record of a burst sent at once. */
    private static KafkaProbe.Outgoing stockChangedRecord(String sku, long version, long available) {
        UUID eventId = UUID.randomUUID();
        String json = """
                {"eventId":"%s","sku":"%s","location":"WH1","version":%d,"movementType":"ADJUSTMENT","movementId":%d,\
                "onHand":%d,"available":%d,"committed":0,"reserved":0,"damaged":0,"qualityControl":0,"safetyStock":0,\
                "incoming":0,"inTransit":0,"occurredAt":"2026-11-23T10:00:00Z"}""".formatted(eventId, sku, version,
                version, available, available);
        return new KafkaProbe.Outgoing(sku, json, Map.of("ce_specversion", "1.0", "ce_id", eventId.toString(),
                "ce_type", STOCK_CHANGED_TYPE, "ce_source", "/stockline/tests", "content-type", "application/json"));
    }

    private void stockChanged(String sku, String location, long version, long available) {
        kafka.sendStockChanged(stockChangedTopic, UUID.randomUUID(), sku, location, version, available);
    }

    private void locationChanged(String code, double latitude, double longitude, int priority, boolean fulfilsOrders,
            List<String> countries, long revision) throws Exception {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> event = new java.util.HashMap<>();
        event.put("eventId", eventId.toString());
        event.put("code", code);
        event.put("name", code);
        event.put("type", "WAREHOUSE");
        event.put("latitude", latitude);
        event.put("longitude", longitude);
        event.put("priority", priority);
        event.put("fulfilsOrders", fulfilsOrders);
        event.put("countries", countries);
        event.put("revision", revision);
        event.put("occurredAt", "2026-11-23T10:00:00Z");
        kafka.sendCloudEvent(locationsTopic, code, "io.stockline.inventory.location-changed.v1", eventId.toString(),
                JSON.writeValueAsString(event));
    }

    static Map<String, Object> orderLine(int line, String sku, long quantity) {
        return Map.of("line", line, "sku", sku, "quantity", quantity);
    }

    @SafeVarargs
    private void placeOrder(String orderId, String eventId, Map<String, Object>... lines) throws Exception {
        placeOrder(orderId, orderId, eventId, true, lines);
    }

    /** An OrderPlaced CloudEvent for orderId, sent with the given Kafka key. */
    @SafeVarargs
    private void placeOrder(String key, String orderId, String eventId, boolean paid, Map<String, Object>... lines)
            throws Exception {
        String json = JSON.writeValueAsString(Map.of("orderId", orderId, "channel", "webshop", "paid", paid,
                "lines", List.of(lines), "shipTo", Map.of("country", "DE", "postcode", "10115")));
        kafka.sendCloudEvent(ordersTopic, key, ORDER_PLACED_TYPE, eventId, json);
    }

    /** The location the preview plans the order's single shipment from. */
    private String preview(String channel, String sku, String country, double latitude, double longitude) {
        return given().header("Authorization", Tokens.bearer("viewer")).contentType("application/json")
                .body(Map.of("orderId", "preview", "channel", channel, "lines", List.of(orderLine(1, sku, 2)),
                        "shipTo", Map.of("country", country, "latitude", latitude, "longitude", longitude)))
                .post("/api/v1/allocations/preview").then().statusCode(200)
                .extract().jsonPath().getString("shipments[0].location");
    }

    private void stubReservation(String orderId, String location, UUID id, Map<String, Object> line) {
        inventory.stubFor(post(urlEqualTo(InventoryMock.RESERVATIONS_PATH))
                .withHeader("Idempotency-Key", equalTo(key(orderId, 1, location)))
                .willReturn(created(id, orderId, List.of(line))));
    }

    private static Map<String, Object> reservationLine(int line, String sku, String location, long quantity) {
        return Map.of("line", line, "sku", sku, "location", location, "quantity", quantity);
    }

    /** inventory's 201: the reservation with its held lines. */
    private static ResponseDefinitionBuilder created(UUID id, String orderId, List<Map<String, Object>> lines) {
        ObjectNode body = JSON.createObjectNode().put("id", id.toString()).put("orderId", orderId)
                .put("status", "ACTIVE");
        ArrayNode held = body.putArray("lines");
        lines.forEach(line -> held.add(JSON.valueToTree(line)));
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    private static ResponseDefinitionBuilder insufficientStock() {
        return aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":409,\"title\":\"Insufficient stock\"}");
    }

    /** inventory's GET /api/v1/stock/{sku}: per location {available, version}. */
    private static ResponseDefinitionBuilder stock(String sku, Map<String, long[]> perLocation) {
        ObjectNode body = JSON.createObjectNode().put("sku", sku);
        ArrayNode locations = body.putArray("locations");
        perLocation.forEach((location, figures) -> locations.addObject().put("location", location)
                .put("available", figures[0]).put("version", figures[1]));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    /** The decisions published for the order, in order. */
    private List<KafkaProbe.Received> decisions(String orderId) {
        return kafka.on(allocationsTopic).stream().filter(record -> orderId.equals(record.key())).toList();
    }

    /** The reservation requests inventory received for the order, oldest first. */
    private List<ServeEvent> reservationCalls(String orderId) {
        List<ServeEvent> calls = new ArrayList<>();
        for (ServeEvent event : inventory.getAllServeEvents()) { // newest first
            String key = event.getRequest().getHeader("Idempotency-Key");
            if (InventoryMock.RESERVATIONS_PATH.equals(event.getRequest().getUrl()) && key != null
                    && key.startsWith("allocation-" + orderId + "-")) {
                calls.add(0, event);
            }
        }
        return calls;
    }

    private long calls(String url) {
        return inventory.getAllServeEvents().stream().filter(event -> url.equals(event.getRequest().getUrl())).count();
    }

    private JsonNode allocation(String orderId) throws Exception {
        return JSON.readTree(given().header("Authorization", Tokens.bearer("viewer"))
                .get("/api/v1/allocations/" + orderId).then().statusCode(200).extract().asString());
    }

    /** Waits until the read model holds the expected number of (SKU, location) rows for the SKUs. */
    private void awaitAvailability(int rows, String... skus) {
        await().atMost(TIMEOUT).until(() -> query("SELECT count(*) FROM availability WHERE sku = ANY (?)",
                String.join(",", skus)).equals(String.valueOf(rows)));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabase.connect()) {
            connection.createStatement().execute(sql);
        }
    }

    private String query(String sql, String... parameters) throws SQLException {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(sql.replace("ANY (?)",
                        "ANY (string_to_array(?, ','))"))) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
