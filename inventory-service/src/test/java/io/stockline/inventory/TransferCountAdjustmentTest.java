package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.item;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.moved;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.stockline.inventory.Api.Level;
import io.stockline.testsupport.StocklineTestResource;

@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class TransferCountAdjustmentTest {

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static Response post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(body)
                .post("/api/v1/movements");
    }

    private static Map<String, Object> transfer(String type, String sku, String from, String to, long quantity) {
        Map<String, Object> body = Api.movement(type, sku, from, quantity);
        body.put("toLocation", to);
        return body;
    }

    private static long inTransit(String sku, String location) {
        JsonPath stock = Api.stock(sku);
        List<Map<String, Object>> locations = stock.getList("locations");
        return locations.stream().filter(l -> location.equals(l.get("location")))
                .mapToLong(l -> ((Number) l.get("inTransit")).longValue()).findFirst().orElse(0);
    }

    @Test
    void aTransferLeavesTheSourceInTransitAndArrivesAvailableAtTheDestination() {
        String sku = item();
        String from = location();
        String to = location();
        moved("RECEIPT", sku, from, 10);

        post(transfer("TRANSFER_OUT", sku, from, to, 4)).then().statusCode(201);
        assertThat(at(sku, from)).isEqualTo(Level.of(6, 6, 0, 0, 0, 0, 2));
        assertThat(inTransit(sku, from)).isEqualTo(4);
        assertThat(at(sku, to)).isNull();

        // A partial arrival, then the rest.
        post(transfer("TRANSFER_IN", sku, from, to, 3)).then().statusCode(201);
        assertThat(inTransit(sku, from)).isEqualTo(1);
        assertThat(at(sku, to)).isEqualTo(Level.of(3, 3, 0, 0, 0, 0, 1));
        post(transfer("TRANSFER_IN", sku, from, to, 1)).then().statusCode(201);
        assertThat(inTransit(sku, from)).isZero();
        assertThat(at(sku, to)).isEqualTo(Level.of(4, 4, 0, 0, 0, 0, 2));
        assertThat(Api.stock(sku).getLong("totals.onHand")).isEqualTo(10);
    }

    @Test
    void moreCannotArriveThanWasShippedNorLeaveThanIsAvailable() {
        String sku = item();
        String from = location();
        String to = location();
        moved("RECEIPT", sku, from, 5);
        assertProblem(post(transfer("TRANSFER_OUT", sku, from, to, 6)), 409, "quantity");
        post(transfer("TRANSFER_OUT", sku, from, to, 2)).then().statusCode(201);
        assertProblem(post(transfer("TRANSFER_IN", sku, from, to, 3)), 409, "quantity");
        assertThat(inTransit(sku, from)).isEqualTo(2);
        assertThat(at(sku, to)).isNull();
    }

    @Test
    void aTransferNeedsAnotherExistingDestination() {
        String sku = item();
        String from = location();
        moved("RECEIPT", sku, from, 5);
        assertProblem(post(Api.movement("TRANSFER_OUT", sku, from, 1)), 400, "toLocation");
        assertProblem(post(transfer("TRANSFER_OUT", sku, from, from, 1)), 422, "toLocation");
        assertProblem(post(transfer("TRANSFER_OUT", sku, from, "NO-SUCH-PLACE", 1)), 404, "toLocation");
        assertProblem(post(transfer("RECEIPT", sku, from, location(), 1)), 422, "toLocation");
        assertThat(at(sku, from)).isEqualTo(Level.of(5, 5, 0, 0, 0, 0, 1));
    }

    @Test
    void aCountSetsOnHandToWhatWasCountedInEitherDirection() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        moved("DAMAGE", sku, loc, 2);

        post(Api.movement("COUNT_CORRECTION", sku, loc, 7)).then().statusCode(201).body("quantity",
                org.hamcrest.Matchers.equalTo(7));
        assertThat(at(sku, loc)).isEqualTo(Level.of(7, 5, 0, 0, 2, 0, 3));
        post(Api.movement("COUNT_CORRECTION", sku, loc, 12)).then().statusCode(201);
        assertThat(at(sku, loc)).isEqualTo(Level.of(12, 10, 0, 0, 2, 0, 4));
        // Counting fewer than are damaged, committed or held would take available below zero.
        assertProblem(post(Api.movement("COUNT_CORRECTION", sku, loc, 1)), 409, "quantity");
        assertProblem(post(Api.movement("COUNT_CORRECTION", sku, loc, -1)), 400, "quantity");
        assertThat(at(sku, loc)).isEqualTo(Level.of(12, 10, 0, 0, 2, 0, 4));
    }

    @Test
    void aCountAtALocationWithNoStockYetStartsItsBalance() {
        String sku = item();
        String loc = location();
        post(Api.movement("COUNT_CORRECTION", sku, loc, 3)).then().statusCode(201);
        assertThat(at(sku, loc)).isEqualTo(Level.of(3, 3, 0, 0, 0, 0, 1));
    }

    @Test
    void anAdjustmentAddsOrRemovesAndNeverTakesAvailableBelowZero() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 4);
        post(Api.movement("ADJUSTMENT", sku, loc, 3)).then().statusCode(201);
        post(Api.movement("ADJUSTMENT", sku, loc, -5)).then().statusCode(201);
        assertThat(at(sku, loc)).isEqualTo(Level.of(2, 2, 0, 0, 0, 0, 3));
        assertProblem(post(Api.movement("ADJUSTMENT", sku, loc, -3)), 409, "quantity");
        assertProblem(post(Api.movement("ADJUSTMENT", sku, loc, 0)), 400, "quantity");
        assertThat(at(sku, loc)).isEqualTo(Level.of(2, 2, 0, 0, 0, 0, 3));
    }
}
