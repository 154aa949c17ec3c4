package io.stockline.allocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/** Who may do what on the REST API, and bad input answered with problem JSON that names the field. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class AllocationApiTest {

    @Test
    void withoutATokenNothingIsAnswered() {
        given().get("/api/v1/allocations/order-1").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer not-a-token").get("/api/v1/routing/webshop").then().statusCode(401);
    }

    @Test
    void viewersReadButOnlyAdminsChangeRouting() {
        String channel = "api-" + AllocationFlowTest.newSku();
        given().header("Authorization", Tokens.bearer("viewer")).get("/api/v1/routing/" + channel).then()
                .statusCode(200)
                .body("rules", equalTo(List.of("STAY_IN_MARKET", "FEWEST_SHIPMENTS", "CLOSEST", "PRIORITY")))
                .body("shortage", equalTo("BACKORDER"));
        Map<String, Object> settings = Map.of("rules", List.of("CLOSEST", "FEWEST_SHIPMENTS"), "shortage", "PARTIAL");
        for (String role : List.of("viewer", "operator")) {
            given().header("Authorization", Tokens.bearer(role)).contentType("application/json").body(settings)
                    .put("/api/v1/routing/" + channel).then().statusCode(403);
        }
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body(settings)
                .put("/api/v1/routing/" + channel).then().statusCode(200)
                .body("rules", equalTo(List.of("CLOSEST", "FEWEST_SHIPMENTS")));
        given().header("Authorization", Tokens.bearer("viewer")).get("/api/v1/routing/" + channel).then()
                .statusCode(200)
                .body("rules", equalTo(List.of("CLOSEST", "FEWEST_SHIPMENTS")))
                .body("shortage", equalTo("PARTIAL"));
    }

    @Test
    void badRoutingSettingsAreRefusedNamingTheFieldAndChangeNothing() {
        String channel = "bad-" + AllocationFlowTest.newSku();
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("rules", List.of("CLOSEST", "CHEAPEST"), "shortage", "BACKORDER"))
                .put("/api/v1/routing/" + channel).then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem(containsString("rules[1]")));
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("rules", List.of("CLOSEST", "CLOSEST"), "shortage", "BACKORDER"))
                .put("/api/v1/routing/" + channel).then().statusCode(400)
                .body("violations.field", hasItem("rules[1]"));
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("rules", List.of("CLOSEST"), "shortage", "SOMETIMES"))
                .put("/api/v1/routing/" + channel).then().statusCode(400)
                .body("violations.field", hasItem(containsString("shortage")));
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body(Map.of("rules", List.of("CLOSEST"), "shortage", "BACKORDER"))
                .put("/api/v1/routing/" + "c".repeat(101)).then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem("channel")).body("violations.in", hasItem("path"));
        given().header("Authorization", Tokens.bearer("viewer")).get("/api/v1/routing/" + channel).then()
                .statusCode(200).body("shortage", equalTo("BACKORDER"))
                .body("rules", equalTo(List.of("STAY_IN_MARKET", "FEWEST_SHIPMENTS", "CLOSEST", "PRIORITY")));
    }

    @Test
    void anUnknownOrderIsAProblemNamingIt() {
        given().header("Authorization", Tokens.bearer("viewer")).get("/api/v1/allocations/no-such-order").then()
                .statusCode(404).contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem("orderId"));
    }

    @Test
    void aPreviewOfABadOrderNamesTheField() {
        given().header("Authorization", Tokens.bearer("viewer")).contentType("application/json")
                .body(Map.of("channel", "webshop", "lines", List.of(Map.of("line", 1, "sku", "MUG", "quantity", 0))))
                .post("/api/v1/allocations/preview").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem(containsString("quantity")));
        given().header("Authorization", Tokens.bearer("viewer")).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("line", 1, "sku", "MUG", "quantity", 1),
                        Map.of("line", 1, "sku", "CUP", "quantity", 1))))
                .post("/api/v1/allocations/preview").then().statusCode(400)
                .body("violations.field", hasItem("lines[1].line"));
        given().header("Authorization", Tokens.bearer("viewer")).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("line", 1, "sku", "MUG", "quantity", 1)),
                        "shipTo", Map.of("country", "DE", "latitude", 123)))
                .post("/api/v1/allocations/preview").then().statusCode(400)
                .body("violations.field", hasItem(containsString("latitude")));
    }

    @Test
    void aPreviewOfAnOrderNothingHoldsShowsItUnfilled() {
        String sku = AllocationFlowTest.newSku();
        given().header("Authorization", Tokens.bearer("viewer")).contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("line", 1, "sku", sku, "quantity", 2))))
                .post("/api/v1/allocations/preview").then().statusCode(200)
                .body("shipments.size()", equalTo(0))
                .body("unfilled[0].sku", equalTo(sku))
                .body("unfilled[0].quantity", equalTo(2));
    }
}
