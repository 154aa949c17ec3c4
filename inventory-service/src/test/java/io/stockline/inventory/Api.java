package io.stockline.inventory;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

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
        return body;
    }

    /** Posts a movement that must succeed. */
    static void moved(String type, String sku, String location, long quantity) {
        move(type, sku, location, quantity).then().statusCode(201);
    }

    static JsonPath stock(String sku) {
        return given().get("/api/v1/stock/" + sku).then().statusCode(200).extract().jsonPath();
    }

    /** The balance of the SKU at one location, as GET /api/v1/stock/{sku} shows it; null when it has none. */
    static Map<String, Object> at(String sku, String location) {
        List<Map<String, Object>> locations = stock(sku).getList("locations");
        return locations.stream().filter(l -> location.equals(l.get("location"))).findFirst().orElse(null);
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
}
