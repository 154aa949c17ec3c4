package io.stockline.inventory;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Purchasing as the tests call it: suppliers, orders and receipts with unique names. */
final class Purchasing {

    private Purchasing() {
    }

    /** A supplier in EUR with a 7-day lead time, no minimum, no multiple. */
    static String supplier(boolean allowOverReceipt) {
        String code = Api.unique("SUP");
        given().contentType(ContentType.JSON).body(supplierBody(code, allowOverReceipt))
                .post("/api/v1/suppliers").then().statusCode(201);
        return code;
    }

    static Map<String, Object> supplierBody(String code, boolean allowOverReceipt) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "Supplier " + code);
        body.put("contact", "orders@" + code.toLowerCase() + ".example");
        body.put("currency", "EUR");
        body.put("leadTimeDays", 7);
        body.put("allowOverReceipt", allowOverReceipt);
        return body;
    }

    static Map<String, Object> orderLine(String sku, long quantity, String unitCost) {
        Map<String, Object> line = new HashMap<>();
        line.put("sku", sku);
        line.put("quantity", quantity);
        if (unitCost != null) {
            line.put("unitCost", unitCost);
        }
        return line;
    }

    static Response create(String supplier, String location, List<Map<String, Object>> lines) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("supplier", supplier, "location", location, "lines", lines))
                .post("/api/v1/purchase-orders");
    }

    /** A draft order of the lines; returns its number. */
    static String draft(String supplier, String location, List<Map<String, Object>> lines) {
        return create(supplier, location, lines).then().statusCode(201).extract().path("number");
    }

    static JsonPath send(String number) {
        return given().post("/api/v1/purchase-orders/" + number + "/send").then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> arrived(String sku, long quantity, long damaged) {
        Map<String, Object> line = new HashMap<>();
        line.put("sku", sku);
        line.put("quantity", quantity);
        if (damaged > 0) {
            line.put("damaged", damaged);
        }
        return line;
    }

    static Response receive(String number, String key, List<Map<String, Object>> lines) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("lines", lines))
                .post("/api/v1/purchase-orders/" + number + "/receipts");
    }

    /** incoming at the location, as GET /api/v1/stock/{sku} shows it. */
    static long incoming(String sku, String location) {
        return ((Number) Api.stock(sku).getList("locations", Map.class).stream()
                .filter(l -> location.equals(l.get("location"))).findFirst().map(l -> l.get("incoming"))
                .orElse(0)).longValue();
    }
}
