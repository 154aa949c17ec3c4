package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Planning.PLANNING;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;

/** Every bad input to the planning API is a 4xx problem naming the field, and changes nothing. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class PlanningBadInputTest {

    private String sku;

    @BeforeEach
    void anItem() {
        sku = Api.item();
    }

    @AfterEach
    void nothingChanged() {
        Api.assertAuditConsistent();
    }

    private static Response promotion(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(PLANNING + "/promotions");
    }

    private Map<String, Object> promotionBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", sku);
        body.put("startsOn", "2026-11-01");
        body.put("endsOn", "2026-11-07");
        return body;
    }

    @Test
    void aPromotionNamesTheFieldAtFault() {
        for (String field : List.of("sku", "startsOn", "endsOn")) {
            Map<String, Object> body = promotionBody();
            body.remove(field);
            assertProblem(promotion(body), 400, field);
        }
        Map<String, Object> backwards = promotionBody();
        backwards.put("endsOn", "2026-10-31");
        assertProblem(promotion(backwards), 422, "endsOn");
        Map<String, Object> unknownSku = promotionBody();
        unknownSku.put("sku", Api.unique("NOSUCH"));
        assertProblem(promotion(unknownSku), 404, "sku");
        Map<String, Object> unknownLocation = promotionBody();
        unknownLocation.put("location", Api.unique("NOWHERE"));
        assertProblem(promotion(unknownLocation), 404, "location");
        Map<String, Object> badDate = promotionBody();
        badDate.put("startsOn", "the first of November");
        assertProblem(promotion(badDate), 400);
        given().queryParam("sku", sku).get(PLANNING + "/promotions").then().statusCode(200).body("", empty());
        assertProblem(given().delete(PLANNING + "/promotions/999999999"), 404, "id");
    }

    @Test
    void itemSettingsNameTheFieldAtFault() {
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("serviceLevel", 0.3))
                .put(PLANNING + "/items/" + sku), 400, "serviceLevel");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("serviceLevel", 1))
                .put(PLANNING + "/items/" + sku), 400, "serviceLevel");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("supplier", Api.unique("NOSUCH")))
                .put(PLANNING + "/items/" + sku), 404, "supplier");
        String supplier = Planning.supplier(5, 1, 1);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("supplier", supplier))
                .put(PLANNING + "/items/" + sku), 422, "supplier");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("serviceLevel", 0.99))
                .put(PLANNING + "/items/" + Api.unique("NOSUCH")), 404, "sku");
        given().get(PLANNING + "/items/" + sku).then().statusCode(200)
                .body("serviceLevel", nullValue()).body("supplier", nullValue());
    }

    @Test
    void unknownSubjectsAreNamed() {
        assertProblem(given().get(PLANNING + "/policies/" + Api.unique("NOSUCH")), 404, "sku");
        assertProblem(given().get(PLANNING + "/items/" + Api.unique("NOSUCH")), 404, "sku");
        assertProblem(given().post(PLANNING + "/suggestions/" + Api.unique("NOSUCH") + "/purchase-orders"), 404,
                "supplier");
        String idle = Planning.supplier(5, 1, 1);
        Response nothing = given().post(PLANNING + "/suggestions/" + idle + "/purchase-orders");
        assertProblem(nothing, 422, "supplier");
        nothing.then().body("violations[0].in", equalTo("path"));
        given().get(PLANNING + "/policies/" + sku).then().statusCode(200).body("policies", empty());
    }
}
