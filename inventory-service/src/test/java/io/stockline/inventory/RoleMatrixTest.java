package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.stockline.inventory.RoleCalls.Call;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Every endpoint with no token (401), a token of a role below the one it needs (403), and the least role
 * that may call it (2xx): viewers read, operators move stock and reserve, admins correct by hand and edit
 * the catalog and locations.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleMatrixTest {

    private static String sku;
    private static String location;
    private static String supplier;

    @BeforeEach
    void noDefaultToken() {
        AdminByDefault.off();
        if (sku == null) {
            location = admin().contentType(ContentType.JSON)
                    .body(Map.of("code", Api.unique("ROLE"), "name", "Roles", "type", "WAREHOUSE"))
                    .post("/api/v1/locations").then().statusCode(201).extract().path("code");
            sku = admin().contentType(ContentType.JSON).body(Map.of("sku", Api.unique("ROLE"), "name", "Roles"))
                    .post("/api/v1/items").then().statusCode(201).extract().path("sku");
            admin().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                    .body(Api.movement("RECEIPT", sku, location, 1000)).post("/api/v1/movements").then().statusCode(201);
            supplier = admin().contentType(ContentType.JSON).body(Purchasing.supplierBody(Api.unique("ROLE"), false))
                    .post("/api/v1/suppliers").then().statusCode(201).extract().path("code");
        }
    }

    // Once, after every call of the class rather than after each: the audit reads the whole ledger (about 0.1 s a
    // time here), and an inconsistency a call made would still be there at the end, since nothing repairs one.
    @Test
    @Order(Integer.MAX_VALUE)
    void afterEveryCallTheLedgerStillExplainsEveryBalance() {
        admin().get("/api/v1/audit").then().statusCode(200).body("consistent", equalTo(true));
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", Tokens.bearer("admin"));
    }

    /**
     * A reservation to release or commit, made by the operator that then releases or commits it (a reservation
     * belongs to its maker: ReservationOwnershipTest).
     */
    private static String reservation() {
        return given().header("Authorization", Tokens.bearer("operator")).contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(Map.of("orderId", Api.unique("o"), "lines", List.of(Api.line(1, sku, location, 1))))
                .post("/api/v1/reservations").then().statusCode(201).extract().path("id");
    }

    /** A purchase order of 5 (made as an admin), sent to the supplier when {@code sent}. */
    private static String purchaseOrder(boolean sent) {
        String number = admin().contentType(ContentType.JSON)
                .body(Map.of("supplier", supplier, "location", location, "lines", List.of(Purchasing.orderLine(sku, 5, "1"))))
                .post("/api/v1/purchase-orders").then().statusCode(201).extract().path("number");
        if (sent) {
            admin().post("/api/v1/purchase-orders/" + number + "/send").then().statusCode(200);
        }
        return number;
    }

    /** A transfer of 1 to a new location (made as an admin), shipped when {@code shipped}. */
    private static String transfer(boolean shipped) {
        String to = Api.unique("TO");
        admin().contentType(ContentType.JSON).body(Map.of("code", to, "name", "To", "type", "STORE"))
                .post("/api/v1/locations").then().statusCode(201);
        String number = admin().contentType(ContentType.JSON)
                .body(Map.of("from", location, "to", to, "lines", List.of(Map.of("sku", sku, "quantity", 1))))
                .post("/api/v1/transfers").then().statusCode(201).extract().path("number");
        if (shipped) {
            admin().post("/api/v1/transfers/" + number + "/ship").then().statusCode(200);
        }
        return number;
    }

    private static Function<RequestSpecification, Response> movement(String type, long quantity) {
        return r -> r.contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(Api.movement(type, sku, location, quantity)).post("/api/v1/movements");
    }

    static Stream<Call> calls() {
        return Stream.of(
                new Call("GET /stock/{sku}", "viewer", 200, r -> r.get("/api/v1/stock/" + sku)),
                new Call("GET /items/{sku}", "viewer", 200, r -> r.get("/api/v1/items/" + sku)),
                new Call("GET /items?barcode", "viewer", 200, r -> r.queryParam("barcode", "000").get("/api/v1/items")),
                new Call("GET /locations", "viewer", 200, r -> r.get("/api/v1/locations")),
                new Call("GET /ledger", "viewer", 200, r -> r.queryParam("sku", sku).get("/api/v1/ledger")),
                new Call("GET /audit", "viewer", 200, r -> r.get("/api/v1/audit")),
                new Call("POST /scans", "operator", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("purpose", "COUNT", "location", location, "reads", List.of(Map.of("code", "BIN-1"))))
                        .post("/api/v1/scans")),
                new Call("POST /movements RECEIPT", "operator", 201, movement("RECEIPT", 1)),
                new Call("POST /movements ADJUSTMENT", "admin", 201, movement("ADJUSTMENT", 1)),
                new Call("POST /movements COUNT_CORRECTION", "admin", 201, movement("COUNT_CORRECTION", 1000)),
                new Call("POST /reservations", "operator", 201, r -> r.contentType(ContentType.JSON)
                        .header("Idempotency-Key", Api.key())
                        .body(Map.of("orderId", Api.unique("o"), "lines", List.of(Api.line(1, sku, location, 1))))
                        .post("/api/v1/reservations")),
                new Call("POST /reservations/batch", "operator", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("reservations", List.of(Map.of("idempotencyKey", Api.key(),
                                "orderId", Api.unique("o"), "lines", List.of(Api.line(1, sku, location, 1))))))
                        .post("/api/v1/reservations/batch")),
                new Call("POST /reservations/{id}/release", "operator", 200,
                        r -> r.post("/api/v1/reservations/" + reservation() + "/release")),
                new Call("POST /reservations/{id}/commit", "operator", 200,
                        r -> r.post("/api/v1/reservations/" + reservation() + "/commit")),
                new Call("POST /items", "admin", 201, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("sku", Api.unique("NEW"), "name", "New")).post("/api/v1/items")),
                new Call("PATCH /items/{sku}", "admin", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("status", "ACTIVE")).patch("/api/v1/items/" + sku)),
                new Call("POST /locations", "admin", 201, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("code", Api.unique("NEW"), "name", "New", "type", "STORE"))
                        .post("/api/v1/locations")),
                new Call("POST /returns/inspections", "operator", 201, r -> {
                    admin().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                            .body(Api.movement("RETURN", sku, location, 1)).post("/api/v1/movements").then().statusCode(201);
                    return r.contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                            .body(Map.of("sku", sku, "location", location, "restock", 1, "damaged", 0))
                            .post("/api/v1/returns/inspections");
                }),
                new Call("POST /movements WRITE_OFF", "operator", 201, r -> {
                    admin().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                            .body(Api.movement("DAMAGE", sku, location, 1)).post("/api/v1/movements").then().statusCode(201);
                    Map<String, Object> body = Api.movement("WRITE_OFF", sku, location, 1);
                    body.put("state", "DAMAGED");
                    return r.contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(body)
                            .post("/api/v1/movements");
                }),
                new Call("PUT /stock/{sku}/locations/{code}/hold", "admin", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("quantity", 1)).put("/api/v1/stock/" + sku + "/locations/" + location + "/hold")),
                new Call("PUT /stock/{sku}/locations/{code}/safety-stock", "admin", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("quantity", 1)).put("/api/v1/stock/" + sku + "/locations/" + location + "/safety-stock")),
                new Call("GET /transfers", "viewer", 200, r -> r.get("/api/v1/transfers")),
                new Call("GET /transfers/{number}", "viewer", 200, r -> r.get("/api/v1/transfers/" + transfer(false))),
                new Call("POST /transfers", "operator", 201, r -> {
                    String to = Api.unique("TO");
                    admin().contentType(ContentType.JSON).body(Map.of("code", to, "name", "To", "type", "STORE"))
                            .post("/api/v1/locations").then().statusCode(201);
                    return r.contentType(ContentType.JSON)
                            .body(Map.of("from", location, "to", to, "lines", List.of(Map.of("sku", sku, "quantity", 1))))
                            .post("/api/v1/transfers");
                }),
                new Call("POST /transfers/{number}/ship", "operator", 200, r -> r.post("/api/v1/transfers/" + transfer(false) + "/ship")),
                new Call("POST /transfers/{number}/receipts", "operator", 201, r -> r.contentType(ContentType.JSON)
                        .header("Idempotency-Key", Api.key()).body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1))))
                        .post("/api/v1/transfers/" + transfer(true) + "/receipts")),
                new Call("POST /transfers/{number}/cancel", "operator", 200, r -> r.post("/api/v1/transfers/" + transfer(false) + "/cancel")),
                new Call("POST /transfers/{number}/close", "admin", 200, r -> r.post("/api/v1/transfers/" + transfer(true) + "/close")),
                new Call("POST /imports/items", "admin", 200, r -> r.contentType("text/csv")
                        .body("sku,name\n" + Api.unique("IMP") + ",Imported\n").post("/api/v1/imports/items")),
                new Call("POST /imports/stock", "admin", 200, r -> r.contentType("text/csv").queryParam("dryRun", true)
                        .body("sku,location,quantity\n" + sku + "," + location + ",1000\n").post("/api/v1/imports/stock")),
                new Call("GET /suppliers", "viewer", 200, r -> r.get("/api/v1/suppliers")),
                new Call("GET /suppliers/{code}", "viewer", 200, r -> r.get("/api/v1/suppliers/" + supplier)),
                new Call("GET /suppliers/{code}/items", "viewer", 200, r -> r.get("/api/v1/suppliers/" + supplier + "/items")),
                new Call("GET /suppliers/{code}/items/{sku}", "viewer", 200, r -> {
                    admin().contentType(ContentType.JSON).body(Map.of("unitCost", "1"))
                            .put("/api/v1/suppliers/" + supplier + "/items/" + sku).then().statusCode(200);
                    return r.get("/api/v1/suppliers/" + supplier + "/items/" + sku);
                }),
                new Call("POST /suppliers", "admin", 201, r -> r.contentType(ContentType.JSON)
                        .body(Purchasing.supplierBody(Api.unique("NEW"), false)).post("/api/v1/suppliers")),
                new Call("PUT /suppliers/{code}/items/{sku}", "admin", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("unitCost", "2.5", "packSize", 6))
                        .put("/api/v1/suppliers/" + supplier + "/items/" + sku)),
                new Call("PUT /suppliers/{code}/items/{sku}/availability", "admin", 200, r -> {
                    String dropship = admin().contentType(ContentType.JSON)
                            .body(Map.of("sku", Api.unique("DS"), "name", "Dropship", "kind", "DROPSHIP"))
                            .post("/api/v1/items").then().statusCode(201).extract().path("sku");
                    admin().contentType(ContentType.JSON).body(Map.of("unitCost", "1"))
                            .put("/api/v1/suppliers/" + supplier + "/items/" + dropship).then().statusCode(200);
                    return r.contentType(ContentType.JSON).body(Map.of("quantity", 3))
                            .put("/api/v1/suppliers/" + supplier + "/items/" + dropship + "/availability");
                }),
                new Call("GET /supplier-order-requests", "viewer", 200, r -> r.get("/api/v1/supplier-order-requests")),
                new Call("GET /purchase-orders", "viewer", 200, r -> r.get("/api/v1/purchase-orders")),
                new Call("GET /purchase-orders/{number}", "viewer", 200,
                        r -> r.get("/api/v1/purchase-orders/" + purchaseOrder(false))),
                new Call("GET /purchase-orders/{number} as CSV", "viewer", 200,
                        r -> r.accept("text/csv").get("/api/v1/purchase-orders/" + purchaseOrder(false))),
                new Call("GET /purchase-orders/{number}/receipts", "viewer", 200,
                        r -> r.get("/api/v1/purchase-orders/" + purchaseOrder(false) + "/receipts")),
                new Call("POST /purchase-orders", "operator", 201, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("supplier", supplier, "location", location, "lines", List.of(Purchasing.orderLine(sku, 5, "1"))))
                        .post("/api/v1/purchase-orders")),
                new Call("POST /purchase-orders/{number}/receipts", "operator", 201, r -> r.contentType(ContentType.JSON)
                        .header("Idempotency-Key", Api.key()).body(Map.of("lines", List.of(Purchasing.arrived(sku, 2, 0))))
                        .post("/api/v1/purchase-orders/" + purchaseOrder(true) + "/receipts")),
                new Call("POST /purchase-orders/{number}/send", "admin", 200,
                        r -> r.post("/api/v1/purchase-orders/" + purchaseOrder(false) + "/send")),
                new Call("POST /purchase-orders/{number}/close", "admin", 200,
                        r -> r.post("/api/v1/purchase-orders/" + purchaseOrder(true) + "/close")),
                new Call("POST /purchase-orders/{number}/cancel", "admin", 200,
                        r -> r.post("/api/v1/purchase-orders/" + purchaseOrder(true) + "/cancel")));
    }

    static Stream<Arguments> callsAndRolesBelow() {
        return RoleCalls.withRolesBelow(calls());
    }

    @ParameterizedTest(name = "{0} without a token: 401")
    @MethodSource("calls")
    void withoutATokenEveryCallIsUnauthorized(Call call) {
        RoleCalls.unauthorizedWithoutToken(call);
    }

    @ParameterizedTest(name = "{0} with a forged token: 401")
    @MethodSource("calls")
    void aTokenNotSignedByTheIssuersKeyIsUnauthorized(Call call) {
        String token = Tokens.mint("admin");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        call.send().apply(given().header("Authorization", "Bearer " + forged)).then().statusCode(401);
    }

    @ParameterizedTest(name = "{0} as {1}: 403")
    @MethodSource("callsAndRolesBelow")
    void aRoleBelowTheOneACallNeedsIsForbidden(Call call, String role) {
        RoleCalls.forbiddenFor(call, role);
    }

    @ParameterizedTest(name = "{0} as its least role: 2xx")
    @MethodSource("calls")
    void theLeastRoleThatMayCallItSucceeds(Call call) {
        RoleCalls.succeedsForItsLeastRole(call);
    }

    @Test
    void theLedgerNamesTheCallerFromTheToken() {
        String location = Api.unique("WHO");
        admin().contentType(ContentType.JSON).body(Map.of("code", location, "name", "Who", "type", "WAREHOUSE"))
                .post("/api/v1/locations").then().statusCode(201);
        given().header("Authorization", "Bearer " + Tokens.mint("operator", "picker-7")).contentType(ContentType.JSON)
                .header("Idempotency-Key", Api.key()).body(Api.movement("RECEIPT", sku, location, 2))
                .post("/api/v1/movements").then().statusCode(201).body("actor", equalTo("picker-7"));
    }
}
