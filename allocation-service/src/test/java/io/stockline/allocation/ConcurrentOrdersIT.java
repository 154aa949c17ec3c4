package io.stockline.allocation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * One allocation-service instance working on many orders at once (stockline.allocation.orders-in-flight) against
 * inventory-service as a real process, on the real broker and database: an order's own events are still taken in the
 * order the topic holds them. Each cancelled order is placed and cancelled back to back on its partition, many such
 * pairs interleaved; were the cancel taken before or beside its order, the order would end cancelled without ever
 * having held stock, or hold stock nobody releases. Needs inventory-service/target/quarkus-app.
 */
class ConcurrentOrdersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.bearer("admin");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int ORDERS = 150;
    private static final long UNITS = 200;

    private static final Infrastructure infrastructure = Infrastructure.get();
    private static final String topicPrefix = "conc" + Infrastructure.shortId() + ".";
    private static final List<String> databases = new ArrayList<>();
    private static ServiceProcess inventory;
    private static ServiceProcess allocator;
    private static KafkaProbe kafka;
    private static String allocationDatabase;

    @BeforeAll
    static void startServices() {
        kafka = new KafkaProbe(infrastructure.kafkaBootstrapServers()).watch(List.of(topic("allocations")));
        inventory = ServiceProcess.launch("inventory-service", config("inventory", Map.of()));
        inventory.awaitReady();
        allocator = ServiceProcess.launch("allocation-service", config("allocation", Map.of(
                "quarkus.rest-client.inventory.url", inventory.url(""),
                "stockline.allocation.orders-in-flight", "16")));
        allocationDatabase = databases.get(databases.size() - 1);
        allocator.awaitReady();
    }

    private static Map<String, String> config(String service, Map<String, String> extra) {
        String database = infrastructure.createDatabase("conc_" + service);
        databases.add(database);
        Map<String, String> config = new LinkedHashMap<>(
                StocklineTestResource.serviceConfig(infrastructure, database, topicPrefix));
        config.putAll(extra);
        return config;
    }

    @AfterAll
    static void stopServices() {
        if (allocator != null) {
            allocator.close();
        }
        if (inventory != null) {
            inventory.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        databases.forEach(infrastructure::dropDatabase);
    }

    @Test
    void ordersPlacedAndCancelledBackToBackAreEachAllocatedOnceThenReleased() throws Exception {
        String sku = "CONC-" + UUID.randomUUID().toString().substring(0, 6);
        String location = "C1-" + sku;
        createLocation(location);
        createItem(sku);
        receive(sku, location, UNITS);
        await("the read model knows the stock").atMost(TIMEOUT)
                .until(() -> queryAllocations("SELECT count(*) FROM availability WHERE sku = '" + sku + "'") == 1);

        List<String> kept = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                String orderId = "conc-" + sku + "-" + i;
                boolean cancel = i % 3 != 0;
                (cancel ? cancelled : kept).add(orderId);
                sent.add(senders.submit(() -> {
                    placeOrder(orderId, sku);
                    if (cancel) {
                        send(orderId, AllocationFlowTest.ORDER_CANCELLED_TYPE, Map.of("orderId", orderId));
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }

        String orders = "order_id LIKE 'conc-" + sku + "-%'";
        await("every order settled").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() ->
                queryAllocations("SELECT count(*) FROM allocation WHERE " + orders + " AND status = 'ALLOCATED'")
                        == kept.size()
                && queryAllocations("SELECT count(*) FROM allocation WHERE " + orders + " AND status = 'CANCELLED'")
                        == cancelled.size());

        // The decisions reach the topic through the outbox relay after their rows commit, so they are awaited too.
        await("every decision published").atMost(TIMEOUT).until(() -> decisionsByOrder(sku).size() == ORDERS);
        // Each order was decided once: allocated, never twice, never backordered.
        Map<String, List<KafkaProbe.Received>> decisions = decisionsByOrder(sku);
        assertThat(decisions).hasSize(ORDERS);
        assertThat(decisions.values()).allSatisfy(events -> assertThat(events)
                .singleElement().satisfies(event -> assertThat(event.header("ce_type")).endsWith("decided.v1")));
        // Every cancelled order was allocated before its cancel was taken, and its hold released: none ended
        // cancelled before it was placed, none still holds stock.
        assertThat(queryAllocations("SELECT count(*) FROM allocation a JOIN allocation_shipment s USING (order_id)"
                + " WHERE a." + orders + " AND a.status = 'CANCELLED' AND s.status = 'RELEASED'"))
                .isEqualTo(cancelled.size());
        assertThat(queryAllocations("SELECT count(*) FROM allocation a JOIN allocation_shipment s USING (order_id)"
                + " WHERE a." + orders + " AND a.status = 'ALLOCATED' AND s.status = 'HELD'"))
                .isEqualTo(kept.size());

        JsonNode stock = stock(sku);
        assertThat(stock.at("/totals/onHand").asLong()).isEqualTo(UNITS);
        assertThat(stock.at("/totals/available").asLong()).isEqualTo(UNITS - kept.size());
        assertThat(audit().get("consistent").asBoolean()).isTrue();
    }

    // --- helpers

    private static long queryAllocations(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(allocationDatabase),
                infrastructure.pgUser(), infrastructure.pgPassword());
                ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String topic(String name) {
        return topicPrefix + name;
    }

    private static void createLocation(String code) {
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", code, "type", "WAREHOUSE", "latitude", 50.11,
                        "longitude", 8.68, "priority", 0, "fulfilsOrders", true))
                .post("/api/v1/locations").then().statusCode(201);
    }

    private static void createItem(String sku) {
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "concurrent item " + sku))
                .post("/api/v1/items").then().statusCode(201);
    }

    private static void receive(String sku, String location, long quantity) {
        given().port(inventory.port()).header("Authorization", ADMIN).contentType(ContentType.JSON)
                .header("Idempotency-Key", "receipt-" + sku + "-" + location)
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", location, "quantity", quantity,
                        "reason", "PO-" + sku))
                .post("/api/v1/movements").then().statusCode(201);
    }

    private static void placeOrder(String orderId, String sku) throws Exception {
        send(orderId, AllocationFlowTest.ORDER_PLACED_TYPE, Map.of("orderId", orderId, "channel", "webshop",
                "paid", true, "shipTo", Map.of("country", "DE", "latitude", 50.0, "longitude", 8.0),
                "lines", List.of(Map.of("line", 1, "sku", sku, "quantity", 1))));
    }

    /** Sent and acknowledged before the caller goes on, so an order's cancel follows its placed on the partition. */
    private static void send(String orderId, String type, Map<String, Object> event) throws Exception {
        kafka.sendCloudEvent(topic("orders"), orderId, type, UUID.randomUUID().toString(),
                JSON.writeValueAsString(event));
    }

    private static Map<String, List<KafkaProbe.Received>> decisionsByOrder(String sku) {
        return kafka.on(topic("allocations")).stream().filter(r -> r.key().startsWith("conc-" + sku + "-"))
                .collect(Collectors.groupingBy(KafkaProbe.Received::key));
    }

    private static JsonNode stock(String sku) throws Exception {
        return JSON.readTree(given().port(inventory.port()).header("Authorization", ADMIN)
                .get("/api/v1/stock/" + sku).then().statusCode(200).extract().asString());
    }

    private static JsonNode audit() throws Exception {
        return JSON.readTree(given().port(inventory.port()).header("Authorization", ADMIN)
                .get("/api/v1/audit").then().statusCode(200).extract().asString());
    }
}
