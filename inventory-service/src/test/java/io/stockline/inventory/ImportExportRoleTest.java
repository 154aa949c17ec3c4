package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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
import io.stockline.inventory.RoleCalls.Call;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * The role matrix of the imports and exports (as RoleMatrixTest does for the rest): no token 401, a role below the
 * one needed 403, the least role 2xx. Admins import; viewers export, as they read everything else.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportExportRoleTest {

    @BeforeEach
    void noDefaultToken() {
        AdminByDefault.off();
    }

    // Once, after every call of the class rather than after each: the audit reads the whole ledger (about 0.1 s a
    // time here), and an inconsistency a call made would still be there at the end, since nothing repairs one.
    @Test
    @Order(Integer.MAX_VALUE)
    void afterEveryCallTheLedgerStillExplainsEveryBalance() {
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/audit").then().statusCode(200)
                .body("consistent", equalTo(true));
    }

    static Stream<Call> calls() {
        return Stream.of(
                new Call("POST /imports/locations", "admin", 200, r -> r.contentType("text/csv")
                        .body("code,name,type\n" + Api.unique("IMP") + ",Imported,WAREHOUSE\n")
                        .post("/api/v1/imports/locations")),
                new Call("POST /imports/locations?dryRun", "admin", 200, r -> r.contentType("text/csv")
                        .queryParam("dryRun", true).body("code,name,type\n" + Api.unique("IMP") + ",Imported,STORE\n")
                        .post("/api/v1/imports/locations")),
                new Call("POST /imports/suppliers", "admin", 200, r -> r.contentType("text/csv")
                        .body("code,name,currency,leadTimeDays\n" + Api.unique("IMP") + ",Imported,EUR,5\n")
                        .post("/api/v1/imports/suppliers")),
                new Call("POST /imports/suppliers?dryRun", "admin", 200, r -> r.contentType("text/csv")
                        .queryParam("dryRun", true).body("code,name,currency,leadTimeDays\n" + Api.unique("IMP")
                                + ",Imported,EUR,5\n")
                        .post("/api/v1/imports/suppliers")),
                new Call("GET /exports/stock", "viewer", 200, r -> r.get("/api/v1/exports/stock")),
                new Call("GET /exports/stock?by=lot", "viewer", 200, r -> r.queryParam("by", "lot")
                        .get("/api/v1/exports/stock")),
                new Call("GET /exports/ledger", "viewer", 200, r -> r.get("/api/v1/exports/ledger")),
                new Call("GET /exports/purchase-orders", "viewer", 200, r -> r.queryParam("status", "DRAFT")
                        .get("/api/v1/exports/purchase-orders")));
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
