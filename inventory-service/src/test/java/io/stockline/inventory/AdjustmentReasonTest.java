package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * ADJUSTMENT and COUNT_CORRECTION say why, from a fixed list, with a free note (required with OTHER); the ledger
 * shows who, when and why.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class AdjustmentReasonTest {

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static Response post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(body)
                .post("/api/v1/movements");
    }

    private static Map<String, Object> correction(String type, String sku, String location, long quantity,
            String reasonCode, String note) {
        Map<String, Object> body = Api.movement(type, sku, location, quantity);
        body.remove("reason");
        body.remove("reasonCode");
        if (reasonCode != null) {
            body.put("reasonCode", reasonCode);
        }
        if (note != null) {
            body.put("reason", note);
        }
        return body;
    }

    @Test
    void aCorrectionWithoutAReasonCodeOrWithAnUnknownOneIsRefusedNamingIt() {
        String sku = Api.item();
        String loc = Api.location();
        Api.moved("RECEIPT", sku, loc, 10);
        for (String type : List.of("ADJUSTMENT", "COUNT_CORRECTION")) {
            assertProblem(post(correction(type, sku, loc, 3, null, "no code")), 400, "reasonCode");
            Response unknown = post(correction(type, sku, loc, 3, "BORED", "not on the list"));
            assertProblem(unknown, 400);
            unknown.then().body("field", equalTo("reasonCode"));
            assertProblem(post(correction(type, sku, loc, 3, "OTHER", null)), 400, "reason");
            assertProblem(post(correction(type, sku, loc, 3, "OTHER", "   ")), 400, "reason");
        }
        // Only corrections by hand take a code.
        Map<String, Object> receipt = Api.movement("RECEIPT", sku, loc, 1);
        receipt.put("reasonCode", "FOUND");
        assertProblem(post(receipt), 422, "reasonCode");
        assertThat(Api.at(sku, loc)).isEqualTo(Api.Level.of(10, 10, 0, 0, 0, 0, 1));
    }

    @Test
    void theLedgerShowsWhoWhenAndWhy() {
        String sku = Api.item();
        String loc = Api.location();
        Api.moved("RECEIPT", sku, loc, 10);
        String alice = "Bearer " + Tokens.mint("admin", "alice-admin");

        given().header("Authorization", alice).contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(correction("ADJUSTMENT", sku, loc, -2, "THEFT", "shelf 4 found empty"))
                .post("/api/v1/movements").then().statusCode(201)
                .body("reasonCode", equalTo("THEFT")).body("reason", equalTo("shelf 4 found empty"))
                .body("actor", equalTo("alice-admin")).body("createdAt", notNullValue());
        post(correction("COUNT_CORRECTION", sku, loc, 9, "OTHER", "recount after the audit")).then().statusCode(201)
                .body("reasonCode", equalTo("OTHER")).body("quantity", equalTo(9));
        post(correction("ADJUSTMENT", sku, loc, 1, "FOUND", null)).then().statusCode(201)
                .body("reasonCode", equalTo("FOUND"));

        JsonPath ledger = given().queryParam("sku", sku).get("/api/v1/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getList("type", String.class))
                .containsExactly("RECEIPT", "ADJUSTMENT", "COUNT_CORRECTION", "ADJUSTMENT");
        assertThat(ledger.getList("reasonCode", String.class)).containsExactly(null, "THEFT", "OTHER", "FOUND");
        assertThat(ledger.getList("reason", String.class))
                .containsExactly("test", "shelf 4 found empty", "recount after the audit", null);
        assertThat(ledger.getString("[1].actor")).isEqualTo("alice-admin");
        assertThat(ledger.getString("[2].actor")).isEqualTo("test-admin");
        assertThat(ledger.getList("createdAt")).doesNotContainNull();
        assertThat(Api.at(sku, loc)).isEqualTo(Api.Level.of(10, 10, 0, 0, 0, 0, 4));
    }

    @Test
    void aReplayedCorrectionKeepsItsReasonAndAnotherReasonWithTheSameKeyIsUnprocessable() {
        String sku = Api.item();
        String loc = Api.location();
        String key = Api.key();
        Map<String, Object> body = correction("ADJUSTMENT", sku, loc, 5, "RECEIVING_ERROR", "PO booked short");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/movements").then().statusCode(201).body("reasonCode", equalTo("RECEIVING_ERROR"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/movements").then().statusCode(201).body("reasonCode", equalTo("RECEIVING_ERROR"));
        body.put("reasonCode", "FOUND");
        assertProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/movements"), 422, "Idempotency-Key");
        assertThat(Api.at(sku, loc)).isEqualTo(Api.Level.of(5, 5, 0, 0, 0, 0, 1));
    }
}
