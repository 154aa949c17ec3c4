package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockline.testsupport.KafkaProbe;

/**
 * The inventory API as the tests call it: fixtures with unique names (tests share one database per run)
 * and thin wrappers around the calls, returning the raw response so each test asserts what it means.
 */
final class Api {

    static final String PROBLEM_JSON = "application/problem+json";

    private Api() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    /** A new warehouse that fulfils orders, with priority 0. */
    static String location() {
        return location(0);
    }

    static String location(int priority) {
        String code = unique("LOC");
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Warehouse " + code, "type", "WAREHOUSE", "priority", priority))
                .post("/api/v1/locations").then().statusCode(201);
        return code;
    }

    /** A new standard item without barcodes. */
    static String item() {
        String sku = unique("SKU");
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Item " + sku))
                .post("/api/v1/items").then().statusCode(201);
        return sku;
    }

    static Response move(String type, String sku, String location, long quantity) {
        return move(key(), type, sku, location, quantity);
    }

    static Response move(String idempotencyKey, String type, String sku, String location, long quantity) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(movement(type, sku, location, quantity))
                .post("/api/v1/movements");
    }

    static Map<String, Object> movement(String type, String sku, String location, long quantity) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("sku", sku);
        body.put("location", location);
        body.put("quantity", quantity);
        body.put("reason", "test");
        // Corrections by hand say why, from the fixed list.
        if (type.equals("ADJUSTMENT") || type.equals("COUNT_CORRECTION")) {
            body.put("reasonCode", "COUNT_ERROR");
        }
        return body;
    }

    /** Posts a movement that must succeed. */
    static void moved(String type, String sku, String location, long quantity) {
        move(type, sku, location, quantity).then().statusCode(201);
    }

    static JsonPath stock(String sku) {
        return given().get("/api/v1/stock/" + sku).then().statusCode(200).extract().jsonPath();
    }

    /** One location's balance as GET /api/v1/stock/{sku} shows it. */
    record Level(long onHand, long available, long committed, long reserved, long damaged, long qualityControl,
            long version) {

        /** A balance with the given states, safety stock 0, and the version given last. */
        static Level of(long onHand, long available, long committed, long reserved, long damaged,
                long qualityControl, long version) {
            return new Level(onHand, available, committed, reserved, damaged, qualityControl, version);
        }
    }

    /**
     * The balance of the SKU at one location, or null when it has none there. Every read also checks that on
     * hand is the sum of its parts, and that the totals are the sum of the locations.
     */
    static Level at(String sku, String location) {
        JsonPath stock = stock(sku);
        List<Map<String, Object>> locations = stock.getList("locations");
        for (String state : List.of("onHand", "available", "committed", "reserved", "damaged", "qualityControl",
                "safetyStock", "incoming", "inTransit")) {
            assertThat(stock.getLong("totals." + state)).as("totals.%s of %s", state, sku)
                    .isEqualTo(locations.stream().mapToLong(l -> number(l, state)).sum());
        }
        for (Map<String, Object> l : locations) {
            assertThat(number(l, "onHand")).as("on hand of %s at %s is the sum of its parts", sku, l.get("location"))
                    .isEqualTo(number(l, "available") + number(l, "committed") + number(l, "reserved")
                            + number(l, "damaged") + number(l, "qualityControl") + number(l, "safetyStock"));
        }
        return locations.stream().filter(l -> location.equals(l.get("location"))).findFirst()
                .map(l -> new Level(number(l, "onHand"), number(l, "available"), number(l, "committed"),
                        number(l, "reserved"), number(l, "damaged"), number(l, "qualityControl"),
                        number(l, "version")))
                .orElse(null);
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }

    /** The audit recomputes every balance from the ledger: there must be no difference, ever. */
    static void assertAuditConsistent() {
        given().get("/api/v1/audit").then().statusCode(200)
                .body("differences", org.hamcrest.Matchers.empty())
                .body("consistent", equalTo(true));
    }

    /** Asserts an RFC 9457 problem with the status whose first violation names the field. */
    static void assertProblem(Response response, int status, String field) {
        response.then().statusCode(status)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .body("status", equalTo(status))
                .body("violations[0].field", equalTo(field));
    }

    /** Asserts an RFC 9457 problem with the status, whatever it names. */
    static void assertProblem(Response response, int status) {
        response.then().statusCode(status)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .body("status", equalTo(status));
    }

    static Map<String, Object> line(int line, String sku, String location, long quantity) {
        Map<String, Object> body = new HashMap<>();
        body.put("line", line);
        body.put("sku", sku);
        if (location != null) {
            body.put("location", location);
        }
        body.put("quantity", quantity);
        return body;
    }

    static Response reserve(String idempotencyKey, String orderId, List<Map<String, Object>> lines) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(Map.of("orderId", orderId, "lines", lines))
                .post("/api/v1/reservations");
    }

    static Response release(String id) {
        return given().post("/api/v1/reservations/" + id + "/release");
    }

    static Response commit(String id) {
        return given().post("/api/v1/reservations/" + id + "/commit");
    }

    /** The events the probe has seen on {@code topic} under {@code key}, in the order they came, as JSON. */
    static List<JsonNode> events(KafkaProbe kafka, String topic, String key) {
        return kafka.on(topic).stream().filter(r -> key.equals(r.key())).map(r -> {
            try {
                return EVENT_JSON.readTree(r.value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static final ObjectMapper EVENT_JSON = new ObjectMapper();
}
