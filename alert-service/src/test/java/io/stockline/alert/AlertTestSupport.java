package io.stockline.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.Tokens;

/**
 * What the alert tests share: calls as a role, rules and subscriptions made through the API, stock-changed events
 * with lots and sync-status events on the real broker, and alerts read back from the alerts topic.
 */
final class AlertTestSupport {

    static final String STOCK_CHANGED_TYPE = "io.stockline.inventory.stock-changed.v1";
    static final String SYNC_STATUS_TYPE = "io.stockline.channel.sync-status.v1";
    static final String OPENED = "io.stockline.alert.opened.v1";
    static final String RESOLVED = "io.stockline.alert.resolved.v1";
    static final String LEGACY_LOW_STOCK = "io.stockline.alert.low-stock.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    private AlertTestSupport() {
    }

    static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", Tokens.bearer(role));
    }

    static RequestSpecification admin() {
        return as("admin").contentType(ContentType.JSON);
    }

    /** Creates a rule as an admin; its id. */
    static String rule(Map<String, Object> body) {
        return admin().body(body).post("/api/v1/rules").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> ruleBody(String kind, String sku, String location, Long threshold, Long cooldownSeconds) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        if (sku != null) {
            body.put("sku", sku);
        }
        if (location != null) {
            body.put("location", location);
        }
        if (threshold != null) {
            body.put("threshold", threshold);
        }
        if (cooldownSeconds != null) {
            body.put("cooldownSeconds", cooldownSeconds);
        }
        return body;
    }

    /** Sets a kind's rule for a SKU (all locations). */
    static String skuRule(String kind, String sku, Long threshold, long cooldownSeconds) {
        return rule(ruleBody(kind, sku, null, threshold, cooldownSeconds));
    }

    record Lot(String lot, LocalDate expiresOn, long quantity) {
    }

    /** A stock-changed event as inventory publishes it, with lots when given (null: the field is absent). */
    static UUID stockChanged(KafkaProbe kafka, String topic, UUID eventId, String sku, String location, long version,
            long available, List<Lot> lots) {
        Map<String, Object> body = new HashMap<>();
        body.put("eventId", eventId.toString());
        body.put("sku", sku);
        body.put("location", location);
        body.put("version", version);
        body.put("movementType", "ADJUSTMENT");
        body.put("movementId", version);
        body.put("onHand", Math.max(available, 0));
        body.put("available", available);
        for (String zero : List.of("committed", "reserved", "damaged", "qualityControl", "safetyStock", "incoming",
                "inTransit")) {
            body.put(zero, 0);
        }
        body.put("occurredAt", "2026-11-23T10:00:00Z");
        if (lots != null) {
            body.put("lots", lots.stream().map(lot -> {
                Map<String, Object> l = new HashMap<>();
                l.put("lot", lot.lot());
                if (lot.expiresOn() != null) {
                    l.put("expiresOn", lot.expiresOn().toString());
                }
                l.put("quantity", lot.quantity());
                return l;
            }).toList());
        }
        kafka.sendCloudEvent(topic, sku, STOCK_CHANGED_TYPE, eventId.toString(), write(body));
        return eventId;
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode body(KafkaProbe.Received record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("unreadable record " + record.value(), e);
        }
    }

    /** The opened/resolved alert events with this key, in order, as "TYPE KIND" with "@location" for stock. */
    static List<String> events(KafkaProbe kafka, String alertsTopic, String key) {
        return kafka.on(alertsTopic).stream().filter(r -> key.equals(r.key()))
                .filter(r -> !LEGACY_LOW_STOCK.equals(r.header("ce_type")))
                .map(r -> {
                    JsonNode body = body(r);
                    String verb = OPENED.equals(r.header("ce_type")) ? "opened" : "resolved";
                    assertThat(r.header("ce_type")).isIn(OPENED, RESOLVED);
                    String where = body.hasNonNull("lot") ? "@" + body.get("location").asText() + "/" + body.get("lot").asText()
                            : body.hasNonNull("location") ? "@" + body.get("location").asText() : "";
                    return verb + " " + body.get("kind").asText() + where;
                }).toList();
    }
}
