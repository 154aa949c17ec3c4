package io.stockline.inventory;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stockline.inventory.RoleCalls.Call;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Availability and every report with no token (401) and as viewer, operator and admin (all may read them), in JSON
 * and in CSV.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ReportingRoleMatrixTest {

    private static String sku;

    @BeforeEach
    void noDefaultToken() {
        AdminByDefault.off();
        if (sku == null) {
            sku = given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                    .body(Map.of("sku", Api.unique("RROLE"), "name", "Roles")).post("/api/v1/items").then()
                    .statusCode(201).extract().path("sku");
        }
    }

    static Stream<Call> calls() {
        return Stream.of(
                new Call("GET /availability/{sku}", "viewer", 200, r -> r.get("/api/v1/availability/" + sku)),
                new Call("GET /reports/kpis", "viewer", 200, r -> r.get("/api/v1/reports/kpis")),
                new Call("GET /reports/kpis csv", "viewer", 200, r -> r.accept("text/csv").get("/api/v1/reports/kpis")),
                new Call("GET /reports/valuation", "viewer", 200, r -> r.get("/api/v1/reports/valuation")),
                new Call("GET /reports/valuation csv", "viewer", 200,
                        r -> r.queryParam("format", "csv").get("/api/v1/reports/valuation")),
                new Call("GET /reports/aging", "viewer", 200, r -> r.get("/api/v1/reports/aging")),
                new Call("GET /reports/dead-stock", "viewer", 200, r -> r.get("/api/v1/reports/dead-stock")),
                new Call("GET /reports/movers", "viewer", 200, r -> r.get("/api/v1/reports/movers")),
                new Call("GET /reports/abc", "viewer", 200, r -> r.get("/api/v1/reports/abc")));
    }

    static Stream<Arguments> callsAndRolesAbove() {
        return calls().flatMap(call -> Stream.of(Arguments.of(call, "operator"), Arguments.of(call, "admin")));
    }

    @ParameterizedTest(name = "{0} without a token: 401")
    @MethodSource("calls")
    void withoutATokenEveryCallIsUnauthorized(Call call) {
        RoleCalls.unauthorizedWithoutToken(call);
    }

    @ParameterizedTest(name = "{0} as its least role: 2xx")
    @MethodSource("calls")
    void theLeastRoleThatMayCallItSucceeds(Call call) {
        RoleCalls.succeedsForItsLeastRole(call);
    }

    @ParameterizedTest(name = "{0} as {1}: 2xx")
    @MethodSource("callsAndRolesAbove")
    void everyRoleAboveMayCallItToo(Call call, String role) {
        call.send().apply(given().header("Authorization", Tokens.bearer(role))).then().statusCode(call.success());
    }
}
