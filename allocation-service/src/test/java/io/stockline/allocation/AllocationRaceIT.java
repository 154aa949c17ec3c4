package io.stockline.allocation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * inventory-service and two allocation-service instances as real processes (their built jars) on the real broker
 * and database: racing orders never oversell, cancel releases, shipment commits, replays change nothing.
 * Needs inventory-service/target/quarkus-app (mvn -pl inventory-service package -DskipTests).
 */
class AllocationRaceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.bearer("admin");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static final Infrastructure infrastructure = Infrastructure.get();
    private static final String topicPrefix = "race" + Infrastructure.shortId() + ".";
    private static final List<String> databases = new ArrayList<>();
    private static final List<ServiceProcess> allocators = new ArrayList<>();
    private static ServiceProcess inventory;
    private static KafkaProbe kafka;
    private static String allocationDatabase;

    @BeforeAll
    static void startServices() {
        kafka = new KafkaProbe(infrastructure.kafkaBootstrapServers())
                .watch(List.of(topic("allocations"), topic("inventory.stock-changed")));
        inventory = ServiceProcess.launch("inventory-service", config("inventory", Map.of()));
        // Two instances of one service share its database and its consumer group, and each signs its own short-lived
        // tokens for inventory with allocation's key (test-support's service configuration names it).
        Map<String, String> allocation = config("allocation", Map.of(
                "quarkus.rest-client.inventory.url", inventory.url("")));
        allocationDatabase = databases.get(databases.size() - 1);
        // inventory and the first allocator start side by side; the second joins once the first has migrated
        allocators.add(ServiceProcess.launch("allocation-service", allocation));
        inventory.awaitReady();
        allocators.get(0).awaitReady();
        allocators.add(ServiceProcess.start("allocation-service", allocation));
    }

    private static Map<String, String> config(String service, Map<String, String> extra) {
        String database = infrastructure.createDatabase("race_" + service);
        databases.add(database);
        Map<String, String> config = new LinkedHashMap<>(
                StocklineTestResource.serviceConfig(infrastructure, database, topicPrefix));
        config.putAll(extra);
        return config;
    }

    @AfterAll
    static void stopServices() {
        allocators.forEach(ServiceProcess::close);
        if (inventory != null) {
            inventory.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        databases.forEach(infrastructure::dropDatabase);
    }

    @Test
    void fiveHundredOrdersForThreeHundredUnitsAllocateExactlyThreeHundred() throws Exception {
        String sku = "RACE-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> locations = List.of("R1-" + sku, "R2-" + sku, "R3-" + sku);
        double[][] places = {{52.52, 13.40}, {48.14, 11.58}, {53.55, 9.99}};
        for (int i = 0; i < locations.size(); i++) {
            createLocation(locations.get(i), places[i][0], places[i][1]);
            publishLocation(locations.get(i), places[i][0], places[i][1]);
        }
        createItem(sku);
        for (String location : locations) {
            receive(sku, location, 100);
        }
        awaitStockEvents(sku, 3);

        List<String> orders = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String orderId = "race-" + sku + "-" + i;
                orders.add(orderId);
                double latitude = 47 + (i % 70) / 10.0;
                double longitude = 6 + (i % 90) / 10.0;
                sent.add(senders.submit(() -> placeOrder(orderId, UUID.randomUUID().toString(), sku, 1, latitude,
                        longitude)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }

        await("a decision for each of the 500 orders").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> decidedOrders(orders).size() == 500);
        Map<String, List<KafkaProbe.Received>> byOrder = decisionsByOrder(orders);
        List<String> allocated = byOrder.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> r.header("ce_type").endsWith("decided.v1")))
                .map(Map.Entry::getKey).toList();
        List<String> refused = byOrder.entrySet().stream()
                .filter(e -> e.getValue().stream().allMatch(r -> r.header("ce_type").endsWith("backordered.v1")
                        || r.header("ce_type").endsWith("failed.v1")))
                .map(Map.Entry::getKey).toList();
        assertThat(allocated).hasSize(300);
        assertThat(refused).hasSize(200);
        assertThat(byOrder.values()).allSatisfy(decisions -> assertThat(decisions).hasSize(1));

        // Every allocated unit is held at a location that had it; no location gave more than its 100.
        Map<String, Long> perLocation = new HashMap<>();
        for (String orderId : allocated) {
            JsonNode shipments = JSON.readTree(byOrder.get(orderId).get(0).value()).get("shipments");
            assertThat(shipments).hasSize(1);
            perLocation.merge(shipments.get(0).get("location").asText(),
                    shipments.get(0).get("lines").get(0).get("quantity").asLong(), Long::sum);
        }
        assertThat(perLocation).containsOnlyKeys(locations).allSatisfy((location, units) -> assertThat(units).isEqualTo(100));

        JsonNode stock = stock(sku);
        assertThat(stock.at("/totals/onHand").asLong()).isEqualTo(300);
        assertThat(stock.at("/totals/committed").asLong()).isEqualTo(300);
        assertThat(stock.at("/totals/available").asLong()).isZero();
        assertThat(audit().get("consistent").asBoolean()).isTrue();
        // Available never went below zero anywhere, at any step inventory published.
        assertThat(kafka.on(topic("inventory.stock-changed"))).filteredOn(r -> sku.equals(r.key()))
                .allSatisfy(r -> assertThat(JSON.readTree(r.value()).get("available").asLong()).isNotNegative());
        // Both instances decided some of the orders (they shared the orders topic's partitions).
        assertThat(queryAllocations("SELECT count(DISTINCT decided_by) FROM allocation WHERE order_id LIKE 'race-"
                + sku + "-%'")).isEqualTo(2);
    }

    @Test
    void cancelReleasesShipmentCommitsAndReplaysChangeNothing() throws Exception {
        String sku = "FLOW-" + UUID.randomUUID().toString().substring(0, 6);
        String location = "F1-" + sku;
        createLocation(location, 50.11, 8.68);
        createItem(sku);
        receive(sku, location, 10);
        awaitStockEvents(sku, 1);
        String cancelled = "cancel-" + sku;
        String shipped = "ship-" + sku;
        String placedEvent = UUID.randomUUID().toString();

        placeOrder(cancelled, placedEvent, sku, 3, 50.0, 8.0);
        placeOrder(shipped, UUID.randomUUID().toString(), sku, 2, 50.0, 8.0);
        await().atMost(TIMEOUT).until(() -> decidedOrders(List.of(cancelled, shipped)).size() == 2);
        assertStock(sku, 10, 5, 5);

        kafka.sendCloudEvent(topic("orders"), cancelled, AllocationFlowTest.ORDER_CANCELLED_TYPE,
                UUID.randomUUID().toString(), JSON.writeValueAsString(Map.of("orderId", cancelled)));
        await().atMost(TIMEOUT).until(() -> "CANCELLED".equals(status(cancelled)));
        assertStock(sku, 10, 8, 2);

        kafka.sendCloudEvent(topic("orders"), shipped, AllocationFlowTest.ORDER_SHIPPED_TYPE,
                UUID.randomUUID().toString(), JSON.writeValueAsString(Map.of("orderId", shipped, "shipments",
                        List.of(Map.of("location", location, "lines", List.of(Map.of("line", 1, "sku", sku,
                                "quantity", 2)))))));
        await().atMost(TIMEOUT).until(() -> "SHIPPED".equals(status(shipped)));
        assertStock(sku, 8, 8, 0);

        // The cancelled order delivered again, and sent again as a new event, holds nothing; a marker order
        // behind them on the same partition shows they were consumed.
        placeOrder(cancelled, placedEvent, sku, 3, 50.0, 8.0);
        placeOrder(cancelled, UUID.randomUUID().toString(), sku, 3, 50.0, 8.0);
        String marker = "marker-" + sku;
        placeOrder(cancelled, marker, UUID.randomUUID().toString(), sku, 1, 50.0, 8.0);
        await().atMost(TIMEOUT).until(() -> decidedOrders(List.of(marker)).size() == 1);
        assertStock(sku, 8, 7, 1);
        assertThat(decisionsByOrder(List.of(cancelled)).get(cancelled)).hasSize(1);
        assertThat(audit().get("consistent").asBoolean()).isTrue();
    }

    // --- helpers

    private static long queryAllocations(String sql) throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                infrastructure.jdbcUrl(allocationDatabase), infrastructure.pgUser(), infrastructure.pgPassword());
                java.sql.ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String topic(String name) {
        return topicPrefix + name;
    }

    private static void createLocation(String code, double latitude, double longitude) {
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", code, "type", "WAREHOUSE", "latitude", latitude,
                        "longitude", longitude, "priority", 0, "fulfilsOrders", true))
                .post("/api/v1/locations").then().statusCode(201);
    }

    /** What inventory will publish on inventory.locations (its relay is being built beside this). */
    private static void publishLocation(String code, double latitude, double longitude) throws Exception {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> event = new HashMap<>();
        event.put("eventId", eventId.toString());
        event.put("code", code);
        event.put("name", code);
        event.put("type", "WAREHOUSE");
        event.put("latitude", latitude);
        event.put("longitude", longitude);
        event.put("priority", 0);
        event.put("fulfilsOrders", true);
        event.put("countries", List.of("DE"));
        event.put("revision", 1);
        event.put("occurredAt", "2026-11-23T10:00:00Z");
        kafka.sendCloudEvent(topic("inventory.locations"), code, "io.stockline.inventory.location-changed.v1",
                eventId.toString(), JSON.writeValueAsString(event));
    }

    private static void createItem(String sku) {
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "race item " + sku))
                .post("/api/v1/items").then().statusCode(201);
    }

    private static void receive(String sku, String location, long quantity) {
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .header("Idempotency-Key", "receipt-" + sku + "-" + location)
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", location, "quantity", quantity,
                        "reason", "PO-" + sku))
                .post("/api/v1/movements").then().statusCode(201);
    }

    private static void awaitStockEvents(String sku, int count) {
        await().atMost(TIMEOUT).until(() -> kafka.on(topic("inventory.stock-changed")).stream()
                .filter(r -> sku.equals(r.key())).count() >= count);
    }

    private static void placeOrder(String orderId, String eventId, String sku, long quantity, double latitude,
            double longitude) {
        placeOrder(orderId, orderId, eventId, sku, quantity, latitude, longitude);
    }

    private static void placeOrder(String key, String orderId, String eventId, String sku, long quantity,
            double latitude, double longitude) {
        try {
            kafka.sendCloudEvent(topic("orders"), key, AllocationFlowTest.ORDER_PLACED_TYPE, eventId,
                    JSON.writeValueAsString(Map.of("orderId", orderId, "channel", "webshop", "paid", true,
                            "shipTo", Map.of("country", "DE", "latitude", latitude, "longitude", longitude),
                            "lines", List.of(Map.of("line", 1, "sku", sku, "quantity", quantity)))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> decidedOrders(List<String> orders) {
        Set<String> wanted = Set.copyOf(orders);
        return kafka.on(topic("allocations")).stream().map(KafkaProbe.Received::key).filter(wanted::contains)
                .collect(Collectors.toSet());
    }

    private static Map<String, List<KafkaProbe.Received>> decisionsByOrder(List<String> orders) {
        Set<String> wanted = Set.copyOf(orders);
        return kafka.on(topic("allocations")).stream().filter(r -> wanted.contains(r.key()))
                .collect(Collectors.groupingBy(KafkaProbe.Received::key));
    }

    private static JsonNode stock(String sku) throws Exception {
        return JSON.readTree(given().port(inventory.port()).header("Authorization", ADMIN)
                .get("/api/v1/stock/" + sku).then().statusCode(200).extract().asString());
    }

    private static void assertStock(String sku, long onHand, long available, long committed) throws Exception {
        JsonNode stock = stock(sku);
        assertThat(stock.at("/totals/onHand").asLong()).as("on hand").isEqualTo(onHand);
        assertThat(stock.at("/totals/available").asLong()).as("available").isEqualTo(available);
        assertThat(stock.at("/totals/committed").asLong()).as("committed").isEqualTo(committed);
    }

    private static JsonNode audit() throws Exception {
        return JSON.readTree(given().port(inventory.port()).header("Authorization", ADMIN)
                .get("/api/v1/audit").then().statusCode(200).extract().asString());
    }

    /** The allocation's status as either instance answers it (they share one database). */
    private static String status(String orderId) {
        Response response = given().port(allocators.get(1).port()).header("Authorization", Tokens.bearer("viewer"))
                .get("/api/v1/allocations/" + orderId);
        return response.statusCode() == 200 ? response.jsonPath().getString("status") : null;
    }
}
