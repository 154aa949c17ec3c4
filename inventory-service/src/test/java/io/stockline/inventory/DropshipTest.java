package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Dropship items hold no stock: a supplier's availability, set by API, sits at the supplier's SUPPLIER location and
 * reaches channels through stock-changed; a reservation takes from it and asks the supplier to ship.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class DropshipTest {

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.locations")
    String locationsTopic;

    @TestHTTPResource("/api/v1/reservations")
    URI reservationsUri;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(stockChangedTopic, locationsTopic));
    }

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        kafka.close();
        Api.assertAuditConsistent();
    }

    /** A DROPSHIP item the supplier sells us. */
    static String dropshipItem(String supplier) {
        String sku = Api.unique("DS");
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Dropship " + sku, "kind", "DROPSHIP"))
                .post("/api/v1/items").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("unitCost", "4.5", "supplierSku", "X-" + sku))
                .put("/api/v1/suppliers/" + supplier + "/items/" + sku).then().statusCode(200);
        return sku;
    }

    static Response setAvailability(String supplier, String sku, long quantity) {
        return given().contentType(ContentType.JSON).body(Map.of("quantity", quantity, "note", "supplier feed"))
                .put("/api/v1/suppliers/" + supplier + "/items/" + sku + "/availability");
    }

    private void awaitEvent(String sku, String... fragments) {
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(stockChangedTopic).stream()
                .anyMatch(r -> sku.equals(r.key()) && List.of(fragments).stream().allMatch(r.value()::contains)));
    }

    private static JsonPath requests(String orderId) {
        return given().queryParam("orderId", orderId).get("/api/v1/supplier-order-requests").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aSuppliersAvailabilityReachesChannelsAndReservationsTakeFromItWithoutHoldingStock() {
        String supplier = Purchasing.supplier(false);
        String sku = dropshipItem(supplier);
        String at = "SUPPLIER-" + supplier;

        setAvailability(supplier, sku, 5).then().statusCode(200).body("location", equalTo(at))
                .body("available", equalTo(5)).body("requested", equalTo(0)).body("supplier", equalTo(supplier));
        awaitEvent(sku, "\"location\":\"" + at + "\"", "\"movementType\":\"SUPPLIER_AVAILABILITY\"", "\"available\":5");
        assertThat(Api.at(sku, at)).isEqualTo(Api.Level.of(5, 5, 0, 0, 0, 0, 1));
        JsonPath location = given().get("/api/v1/locations").then().statusCode(200).extract().jsonPath();
        assertThat(location.getString("find { it.code == '" + at + "' }.type")).isEqualTo("SUPPLIER");
        assertThat(location.getBoolean("find { it.code == '" + at + "' }.fulfilsOrders")).isFalse();
        // Announced like any location, so allocation-service knows it fulfils no orders.
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(locationsTopic).stream()
                .anyMatch(r -> at.equals(r.key()) && r.value().contains("\"type\":\"SUPPLIER\"")
                        && r.value().contains("\"fulfilsOrders\":false")));
        // The same number again records nothing.
        setAvailability(supplier, sku, 5).then().statusCode(200).body("version", equalTo(1));

        // A reservation holds none of our stock: it takes from the supplier's number and asks the supplier to ship.
        String order = Api.unique("order");
        String id = Api.reserve(Api.key(), order, List.of(Api.line(1, sku, null, 2))).then().statusCode(201)
                .body("lines[0].location", equalTo(at)).extract().path("id");
        JsonPath requested = requests(order);
        assertThat(requested.getList("status", String.class)).containsExactly("REQUESTED");
        assertThat(requested.getString("[0].supplier")).isEqualTo(supplier);
        assertThat(requested.getLong("[0].quantity")).isEqualTo(2);
        assertThat(requested.getString("[0].reservationId")).isEqualTo(id);
        assertThat(Api.at(sku, at)).isEqualTo(Api.Level.of(5, 3, 2, 0, 0, 0, 2));
        awaitEvent(sku, "\"movementType\":\"RESERVE\"", "\"available\":3", "\"committed\":2");

        // A new figure from the supplier: units already requested stay taken.
        setAvailability(supplier, sku, 4).then().statusCode(200).body("available", equalTo(4)).body("requested", equalTo(2));
        awaitEvent(sku, "\"movementType\":\"SUPPLIER_AVAILABILITY\"", "\"available\":4");

        // Releasing cancels the request and gives the units back.
        Api.release(id).then().statusCode(200);
        assertThat(requests(order).getList("status", String.class)).containsExactly("CANCELLED");
        assertThat(Api.at(sku, at)).isEqualTo(Api.Level.of(6, 6, 0, 0, 0, 0, 4));
        awaitEvent(sku, "\"movementType\":\"RELEASE\"", "\"available\":6");
        Api.release(id).then().statusCode(200);
        assertThat(requests(order).getList("status", String.class)).containsExactly("CANCELLED");

        // Committing confirms the request: the units leave the supplier's number for good.
        String shipped = Api.unique("order");
        String committedId = Api.reserve(Api.key(), shipped, List.of(Api.line(1, sku, at, 1))).then().statusCode(201)
                .extract().path("id");
        Api.commit(committedId).then().statusCode(200);
        assertThat(requests(shipped).getList("status", String.class)).containsExactly("CONFIRMED");
        assertThat(Api.at(sku, at)).isEqualTo(Api.Level.of(5, 5, 0, 0, 0, 0, 6));
        assertThat(given().queryParam("status", "CONFIRMED").queryParam("supplier", supplier)
                .get("/api/v1/supplier-order-requests").then().statusCode(200).extract().jsonPath()
                .getList("orderId", String.class)).containsExactly(shipped);

        // More than the supplier shows cannot be sold.
        assertProblem(Api.reserve(Api.key(), Api.unique("order"), List.of(Api.line(1, sku, null, 6))), 409,
                "lines[0].quantity");
        assertThat(Api.at(sku, at)).isEqualTo(Api.Level.of(5, 5, 0, 0, 0, 0, 6));

        // The ledger says who set the supplier's number, and from what.
        JsonPath ledger = given().queryParam("sku", sku).get("/api/v1/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getList("type", String.class)).containsExactly("SUPPLIER_AVAILABILITY", "RESERVE",
                "SUPPLIER_AVAILABILITY", "RELEASE", "RESERVE", "COMMIT");
        assertThat(ledger.getString("[0].actor")).isEqualTo("test-admin");
        assertThat(ledger.getString("[0].reason")).isEqualTo("supplier feed");
    }

    @Test
    void aReplayedReservationAsksTheSupplierOnce() {
        String supplier = Purchasing.supplier(false);
        String sku = dropshipItem(supplier);
        setAvailability(supplier, sku, 3).then().statusCode(200);
        String order = Api.unique("order");
        String key = Api.key();
        Api.reserve(key, order, List.of(Api.line(1, sku, null, 2))).then().statusCode(201);
        Api.reserve(key, order, List.of(Api.line(1, sku, null, 2))).then().statusCode(201);
        assertThat(requests(order).getList("status", String.class)).containsExactly("REQUESTED");
        assertThat(Api.at(sku, "SUPPLIER-" + supplier)).isEqualTo(Api.Level.of(3, 1, 2, 0, 0, 0, 2));
    }

    @Test
    void anExpiredHoldCancelsItsSupplierOrderRequest() {
        String supplier = Purchasing.supplier(false);
        String sku = dropshipItem(supplier);
        String at = "SUPPLIER-" + supplier;
        setAvailability(supplier, sku, 3).then().statusCode(200);
        String order = Api.unique("cart");
        given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(Map.of("orderId", order, "expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).toString(),
                        "lines", List.of(Api.line(1, sku, null, 2))))
                .post("/api/v1/reservations").then().statusCode(201);
        assertThat(Api.at(sku, at).available()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(requests(order).getList("status", String.class)).containsExactly("CANCELLED"));
        assertThat(Api.at(sku, at)).isEqualTo(Api.Level.of(3, 3, 0, 0, 0, 0, 3));
    }

    @Test
    void twoOrdersRacingForTheSuppliersLastUnitSellItOnce() throws Exception {
        String supplier = Purchasing.supplier(false);
        String sku = dropshipItem(supplier);
        setAvailability(supplier, sku, 1).then().statusCode(200);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        String operator = Tokens.bearer("operator");
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                String body = "{\"orderId\":\"race-%s\",\"lines\":[{\"line\":1,\"sku\":\"%s\",\"quantity\":1}]}"
                        .formatted(UUID.randomUUID(), sku);
                HttpRequest request = HttpRequest.newBuilder(reservationsUri).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").header("Authorization", operator)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                answers.add(callers.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString())));
            }
            long created = 0;
            long refused = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                int status = answer.get(90, TimeUnit.SECONDS).statusCode();
                created += status == 201 ? 1 : 0;
                refused += status == 409 ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(refused).isEqualTo(15);
        } finally {
            callers.shutdownNow();
            callers.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(Api.at(sku, "SUPPLIER-" + supplier)).isEqualTo(Api.Level.of(1, 0, 1, 0, 0, 0, 2));
        assertThat(given().queryParam("supplier", supplier).get("/api/v1/supplier-order-requests").then()
                .statusCode(200).extract().jsonPath().getList("status", String.class)).containsExactly("REQUESTED");
    }

    @Test
    void ourStockAndASuppliersAvailabilityNeverMix() {
        String supplier = Purchasing.supplier(false);
        String sku = dropshipItem(supplier);
        String warehouse = Api.location();
        String at = "SUPPLIER-" + supplier;
        setAvailability(supplier, sku, 2).then().statusCode(200);

        // A dropship item is never received, counted or held at a location of ours.
        assertProblem(Api.move("RECEIPT", sku, warehouse, 1), 422, "sku");
        assertProblem(Api.move("ADJUSTMENT", sku, warehouse, 1), 422, "sku");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("quantity", 1))
                .put("/api/v1/stock/" + sku + "/locations/" + warehouse + "/hold"), 422, "sku");
        assertProblem(Api.reserve(Api.key(), Api.unique("order"), List.of(Api.line(1, sku, warehouse, 1))), 422,
                "lines[0].location");
        // ... and our stock never goes to, or is held at, a supplier's location.
        String stocked = Api.item();
        Api.moved("RECEIPT", stocked, warehouse, 3);
        assertProblem(Api.move("RECEIPT", stocked, at, 1), 422, "location");
        assertProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(Map.of("type", "TRANSFER_OUT", "sku", stocked, "location", warehouse, "toLocation", at,
                        "quantity", 1))
                .post("/api/v1/movements"), 422, "toLocation");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("quantity", 1))
                .put("/api/v1/stock/" + stocked + "/locations/" + at + "/hold"), 422, "code");
        assertProblem(Api.reserve(Api.key(), Api.unique("order"), List.of(Api.line(1, stocked, at, 1))), 422,
                "lines[0].location");
        // Supplier locations are made by the dropship API only, and never fulfil orders.
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("code", Api.unique("SUP"), "name", "Fake", "type", "SUPPLIER"))
                .post("/api/v1/locations"), 422, "type");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("fulfilsOrders", true))
                .patch("/api/v1/locations/" + at), 422, "fulfilsOrders");
        assertThat(Api.at(sku, warehouse)).isNull();
        assertThat(Api.at(sku, at)).isEqualTo(Api.Level.of(2, 2, 0, 0, 0, 0, 1));
        assertThat(Api.at(stocked, warehouse)).isEqualTo(Api.Level.of(3, 3, 0, 0, 0, 0, 1));
    }

    @Test
    void badAvailabilityIsAProblemNamingTheField() {
        String supplier = Purchasing.supplier(false);
        String sku = dropshipItem(supplier);
        assertProblem(setAvailability(supplier, sku, -1), 400, "quantity");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("note", "no number"))
                .put("/api/v1/suppliers/" + supplier + "/items/" + sku + "/availability"), 400, "quantity");
        assertProblem(setAvailability("NOPE-" + Api.key(), sku, 1), 404, "code");
        assertProblem(setAvailability(supplier, "NOPE-" + Api.key(), 1), 404, "sku");
        String standard = Api.item();
        assertProblem(setAvailability(supplier, standard, 1), 422, "sku");
        String notSold = Api.unique("DS");
        given().contentType(ContentType.JSON).body(Map.of("sku", notSold, "name", "Not sold", "kind", "DROPSHIP"))
                .post("/api/v1/items").then().statusCode(201);
        assertProblem(setAvailability(supplier, notSold, 1), 404, "sku");
        assertProblem(given().queryParam("status", "LOST").get("/api/v1/supplier-order-requests"), 400, "status");
        assertProblem(given().queryParam("limit", 0).get("/api/v1/supplier-order-requests"), 400, "limit");
        assertProblem(given().queryParam("after", -1).get("/api/v1/supplier-order-requests"), 400, "after");
        // Nothing was made by the refusals: no supplier location yet.
        assertThat(Api.stock(sku).getList("locations")).isEmpty();
    }
}
