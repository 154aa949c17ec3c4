package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;

/**
 * Query parameters at their edges: a switch, a number or a date that cannot be read is a 400 naming it, never a bare
 * 404, a 500, or (for a preview switch) the real thing done.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class QueryParameterTest {

    private static Response importItems(String dryRun, String csv) {
        var request = given().contentType("text/csv").body(csv);
        if (dryRun != null) {
            request = request.queryParam("dryRun", dryRun);
        }
        return request.post("/api/v1/imports/items");
    }

    @Test
    void aPreviewSwitchThatCannotBeReadChangesNothing() {
        String sku = Api.unique("DRY");
        String csv = "sku,name\n" + sku + ",Mug\n";
        // read as false before: each "preview" imported the file
        assertProblem(importItems("maybe", csv), 400, "dryRun");
        assertProblem(importItems("1", csv), 400, "dryRun");
        assertProblem(importItems("yes", csv), 400, "dryRun");
        given().get("/api/v1/items/" + sku).then().statusCode(404);
        importItems("true", csv).then().statusCode(200).body("dryRun", equalTo(true)).body("applied", equalTo(1));
        given().get("/api/v1/items/" + sku).then().statusCode(404);
        importItems("false", csv).then().statusCode(200).body("dryRun", equalTo(false));
        given().get("/api/v1/items/" + sku).then().statusCode(200);
    }

    @Test
    void aFileSavedWithAByteOrderMarkIsReadByItsHeader() {
        // Excel's "CSV UTF-8"
        String sku = Api.unique("BOM");
        byte[] file = ("\uFEFFsku,name\n" + sku + ",Mug\n").getBytes(StandardCharsets.UTF_8);
        given().contentType("text/csv").body(file).post("/api/v1/imports/items").then().statusCode(200)
                .body("applied", equalTo(1));
        given().get("/api/v1/items/" + sku).then().statusCode(200).body("name", equalTo("Mug"));
    }

    @Test
    void datesBeyondTheCalendarTheServiceKeepsAreRefusedByName() {
        assertProblem(given().queryParam("to", "+999999999-12-31").get("/api/v1/exports/ledger"), 400, "to");
        assertProblem(given().queryParam("to", "-999999999-01-01").get("/api/v1/exports/ledger"), 400, "to");
        assertProblem(given().queryParam("from", "-5000-01-01").get("/api/v1/exports/ledger"), 400, "from");
        assertProblem(given().queryParam("to", "-999999999-01-01").get("/api/v1/reports/kpis"), 400, "to");
        assertProblem(given().queryParam("to", "-999999999-01-15").get("/api/v1/counting/accuracy"), 400, "to");
        assertProblem(given().queryParam("to", "+999999999-12-31").get("/api/v1/counting/accuracy"), 400, "to");
    }

    @Test
    void numbersAndStatusesThatCannotBeReadAreRefusedByName() {
        assertProblem(given().queryParam("limit", "abc").get("/api/v1/transfers"), 400, "limit");
        assertProblem(given().queryParam("limit", "3000000000").get("/api/v1/purchase-orders"), 400, "limit");
        assertProblem(given().queryParam("page", "-1").get("/api/v1/purchase-orders"), 400, "page");
        assertProblem(given().queryParam("status", "LOST").get("/api/v1/purchase-orders"), 400, "status");
        assertProblem(given().queryParam("after", "x").get("/api/v1/supplier-order-requests"), 400, "after");
        assertProblem(given().queryParam("limit", "99999999999").get("/api/v1/supplier-order-requests"), 400, "limit");
        given().queryParam("limit", "2").get("/api/v1/transfers").then().statusCode(200);
        given().queryParam("status", "DRAFT").get("/api/v1/purchase-orders").then().statusCode(200);
    }
}
