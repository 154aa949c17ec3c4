package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
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
import io.restassured.specification.RequestSpecification;
import io.stockline.inventory.RoleCalls.Call;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Every cycle-count endpoint with no token (401), a role below the one it needs (403), and the least role that may
 * call it (2xx): viewers read classes, tasks and accuracy; operators propose, start and count; admins recompute and
 * pin classes, approve and reject.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CountingRoleMatrixTest {

    private static String sku;
    private static String location;

    @BeforeEach
    void noDefaultToken() {
        AdminByDefault.off();
        if (sku == null) {
            location = admin().contentType(ContentType.JSON)
                    .body(Map.of("code", Api.unique("CROLE"), "name", "Counting roles", "type", "WAREHOUSE"))
                    .post("/api/v1/locations").then().statusCode(201).extract().path("code");
            sku = newSku();
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

    /** A SKU with 10 on hand at the location. */
    private static String newSku() {
        String created = admin().contentType(ContentType.JSON).body(Map.of("sku", Api.unique("CROLE"), "name", "Roles"))
                .post("/api/v1/items").then().statusCode(201).extract().path("sku");
        admin().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(Api.movement("RECEIPT", created, location, 10)).post("/api/v1/movements").then().statusCode(201);
        return created;
    }

    /**
     * A task of a new SKU (made as an admin): OPEN, IN_PROGRESS once started, AWAITING_APPROVAL once counted
     * (exactly, so no recount).
     */
    private static String task(String status) {
        String fresh = newSku();
        List<Map<String, Object>> proposed = admin().queryParam("location", location)
                .post("/api/v1/counting/tasks/propose").then().statusCode(201).extract().jsonPath().getList("tasks");
        String id = proposed.stream().filter(t -> fresh.equals(t.get("sku"))).map(t -> (String) t.get("id"))
                .findFirst().orElseThrow();
        if (!status.equals("OPEN")) {
            admin().post("/api/v1/counting/tasks/" + id + "/start").then().statusCode(200);
        }
        if (status.equals("AWAITING_APPROVAL")) {
            admin().contentType(ContentType.JSON).body(Map.of("counted", 10))
                    .post("/api/v1/counting/tasks/" + id + "/count").then().statusCode(200)
                    .body("status", equalTo("AWAITING_APPROVAL"));
        }
        return id;
    }

    static Stream<Call> calls() {
        return Stream.of(
                new Call("GET /counting/abc", "viewer", 200, r -> r.get("/api/v1/counting/abc")),
                new Call("GET /counting/abc/{sku}", "viewer", 200, r -> r.get("/api/v1/counting/abc/" + sku)),
                new Call("POST /counting/abc/recompute", "admin", 200, r -> r.post("/api/v1/counting/abc/recompute")),
                new Call("PUT /counting/abc/{sku}", "admin", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("abcClass", "B")).put("/api/v1/counting/abc/" + sku)),
                new Call("DELETE /counting/abc/{sku}", "admin", 204, r -> r.delete("/api/v1/counting/abc/" + sku)),
                new Call("POST /counting/tasks/propose", "operator", 201,
                        r -> r.queryParam("location", location).post("/api/v1/counting/tasks/propose")),
                new Call("GET /counting/tasks", "viewer", 200,
                        r -> r.queryParam("location", location).get("/api/v1/counting/tasks")),
                new Call("GET /counting/tasks/{id}", "viewer", 200, r -> r.get("/api/v1/counting/tasks/" + task("OPEN"))),
                new Call("POST /counting/tasks/{id}/start", "operator", 200,
                        r -> r.post("/api/v1/counting/tasks/" + task("OPEN") + "/start")),
                new Call("POST /counting/tasks/{id}/count", "operator", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("counted", 10)).post("/api/v1/counting/tasks/" + task("IN_PROGRESS") + "/count")),
                new Call("POST /counting/tasks/{id}/approve", "admin", 200,
                        r -> r.post("/api/v1/counting/tasks/" + task("AWAITING_APPROVAL") + "/approve")),
                new Call("POST /counting/tasks/{id}/reject", "admin", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("note", "no")).post("/api/v1/counting/tasks/" + task("AWAITING_APPROVAL") + "/reject")),
                new Call("GET /counting/accuracy", "viewer", 200, r -> r.get("/api/v1/counting/accuracy")));
    }

    static Stream<Arguments> callsAndRolesBelow() {
        return RoleCalls.withRolesBelow(calls());
    }

    @ParameterizedTest(name = "{0} without a token: 401")
    @MethodSource("calls")
    void withoutATokenEveryCallIsUnauthorized(Call call) {
        RoleCalls.unauthorizedWithoutToken(call);
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
}
