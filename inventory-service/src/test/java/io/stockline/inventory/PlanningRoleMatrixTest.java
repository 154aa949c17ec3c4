package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Planning.PLANNING;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * Every planning endpoint with no token (401), a role below the one it needs (403), and the least role that may call
 * it (2xx): viewers read policies, suggestions, promotions and settings; operators draft purchase orders from the
 * suggestions; admins refresh and set promotions and per-item settings.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanningRoleMatrixTest {

    private static String sku;
    private static String supplier;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    /** A SKU selling about ten a day with 3 left, so its supplier has something to order. */
    @BeforeEach
    void aSellerUnderItsReorderPoint() throws Exception {
        AdminByDefault.on();
        if (sku == null) {
            String location = Api.location();
            supplier = Planning.supplier(7, 1, 1);
            sku = Api.item();
            Planning.sells(supplier, sku, "1.00");
            Planning.write(jdbcUrl, user, password, sku, location,
                    new Planning.History(Planning.aboutTenADay(30), 3, 0, 0));
            given().post(PLANNING + "/refresh").then().statusCode(200);
        }
        AdminByDefault.off();
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

    private static String promotion() {
        return String.valueOf(admin().contentType(ContentType.JSON).body(promotionBody())
                .post(PLANNING + "/promotions").then().statusCode(201).extract().<Integer>path("id"));
    }

    private static Map<String, Object> promotionBody() {
        return Map.of("sku", sku, "startsOn", Planning.today().minusDays(3).toString(),
                "endsOn", Planning.today().minusDays(2).toString());
    }

    static Stream<Call> calls() {
        return Stream.of(
                new Call("POST /planning/refresh", "admin", 200, r -> r.post(PLANNING + "/refresh")),
                new Call("GET /planning/suggestions", "viewer", 200, r -> r.get(PLANNING + "/suggestions")),
                new Call("POST /planning/suggestions/{supplier}/purchase-orders", "operator", 201,
                        r -> r.post(PLANNING + "/suggestions/" + supplier + "/purchase-orders")),
                new Call("GET /planning/policies/{sku}", "viewer", 200, r -> r.get(PLANNING + "/policies/" + sku)),
                new Call("POST /planning/promotions", "admin", 201, r -> r.contentType(ContentType.JSON)
                        .body(promotionBody()).post(PLANNING + "/promotions")),
                new Call("GET /planning/promotions", "viewer", 200,
                        r -> r.queryParam("sku", sku).get(PLANNING + "/promotions")),
                new Call("DELETE /planning/promotions/{id}", "admin", 204,
                        r -> r.delete(PLANNING + "/promotions/" + promotion())),
                new Call("GET /planning/items/{sku}", "viewer", 200, r -> r.get(PLANNING + "/items/" + sku)),
                new Call("PUT /planning/items/{sku}", "admin", 200, r -> r.contentType(ContentType.JSON)
                        .body(Map.of("serviceLevel", 0.97)).put(PLANNING + "/items/" + sku)));
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
