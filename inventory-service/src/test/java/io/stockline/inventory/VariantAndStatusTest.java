package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;

@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class VariantAndStatusTest {

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static Response variant(String sku, String product, Map<String, String> options) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", sku, "product", product, "options", options))
                .post("/api/v1/items");
    }

    @Test
    void variantsAreGroupedUnderTheirProductWithTheirOptions() {
        String product = Api.unique("TEE");
        String redM = Api.unique("TEE-RED-M");
        String blueM = Api.unique("TEE-BLUE-M");
        variant(redM, product, Map.of("colour", "red", "size", "M")).then().statusCode(201)
                .body("product", equalTo(product)).body("options.colour", equalTo("red"));
        variant(blueM, product, Map.of("size", "M", "colour", "blue")).then().statusCode(201);

        given().queryParam("product", product).get("/api/v1/items").then().statusCode(200)
                .body("", hasSize(2))
                .body("sku", containsInAnyOrder(redM, blueM))
                .body("find { it.sku == '" + blueM + "' }.options.size", equalTo("M"));
    }

    @Test
    void twoVariantsOfAProductCannotHaveTheSameOptions() {
        String product = Api.unique("TEE");
        variant(Api.unique("A"), product, Map.of("size", "L", "colour", "red")).then().statusCode(201);
        // The same options in another order are the same variant.
        assertProblem(variant(Api.unique("B"), product, Map.of("colour", "red", "size", "L")), 409, "options");
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("sku", Api.unique("C"), "name", "C", "options", Map.of("size", "S")))
                .post("/api/v1/items"), 422, "options");
    }

    @Test
    void aDiscontinuedItemKeepsItsStockButTakesNoNewReservations() {
        String loc = Api.location();
        String sku = Api.item();
        Api.moved("RECEIPT", sku, loc, 5);
        given().contentType(ContentType.JSON).body(Map.of("status", "DISCONTINUED"))
                .patch("/api/v1/items/" + sku).then().statusCode(200).body("status", equalTo("DISCONTINUED"));

        assertProblem(Api.reserve(Api.key(), Api.unique("o"), List.of(Api.line(1, sku, loc, 1))), 422,
                "lines[0].sku");
        given().get("/api/v1/stock/" + sku).then().body("totals.available", equalTo(5));

        given().contentType(ContentType.JSON).body(Map.of("status", "ACTIVE"))
                .patch("/api/v1/items/" + sku).then().statusCode(200);
        Api.reserve(Api.key(), Api.unique("o"), List.of(Api.line(1, sku, loc, 1))).then().statusCode(201);
        // An unknown enum value is named at the top level of the problem, as Jackson reports it.
        given().contentType(ContentType.JSON).body(Map.of("status", "GONE")).patch("/api/v1/items/" + sku)
                .then().statusCode(400).body("field", equalTo("status"));
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("status", "ACTIVE"))
                .patch("/api/v1/items/NO-SUCH-SKU"), 404, "sku");
    }
}
