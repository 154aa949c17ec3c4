package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.item;
import static io.stockline.inventory.Api.key;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.move;
import static io.stockline.inventory.Api.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.inventory.Api.Level;
import io.stockline.testsupport.StocklineTestResource;

/** POST /api/v1/movements: each hand-posted type moves the states it names, and nothing goes below zero. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class MovementApiTest {

    @org.junit.jupiter.api.AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    @Test
    void receiptAddsToOnHandAndAvailableAndAnswersWithTheMovement() {
        String sku = item();
        String loc = location();
        move("RECEIPT", sku, loc, 12).then().statusCode(201)
                .body("type", equalTo("RECEIPT")).body("sku", equalTo(sku)).body("location", equalTo(loc))
                .body("quantity", equalTo(12)).body("reason", equalTo("test")).body("actor", equalTo("test-admin"))
                .body("resultingVersion", equalTo(1));
        assertThat(at(sku, loc)).isEqualTo(Level.of(12, 12, 0, 0, 0, 0, 1));
    }

    @Test
    void saleTakesFromOnHandAndAvailable() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        move("SALE", sku, loc, 4).then().statusCode(201).body("resultingVersion", equalTo(2));
        assertThat(at(sku, loc)).isEqualTo(Level.of(6, 6, 0, 0, 0, 0, 2));
    }

    @Test
    void returnGoesToQualityControlNotToAvailable() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 5);
        moved("RETURN", sku, loc, 2);
        assertThat(at(sku, loc)).isEqualTo(Level.of(7, 5, 0, 0, 0, 2, 2));
    }

    @Test
    void restockMovesQualityControlBackToAvailable() {
        String sku = item();
        String loc = location();
        moved("RETURN", sku, loc, 3);
        moved("RESTOCK", sku, loc, 2);
        assertThat(at(sku, loc)).isEqualTo(Level.of(3, 2, 0, 0, 0, 1, 2));
    }

    @Test
    void damageKeepsUnitsOnHandButNotSellable() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 8);
        moved("DAMAGE", sku, loc, 3);
        assertThat(at(sku, loc)).isEqualTo(Level.of(8, 5, 0, 0, 3, 0, 2));
    }

    @Test
    void lossTakesUnitsOffOnHand() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 8);
        moved("LOSS", sku, loc, 1);
        assertThat(at(sku, loc)).isEqualTo(Level.of(7, 7, 0, 0, 0, 0, 2));
    }

    @Test
    void eachLocationKeepsItsOwnBalanceAndTheTotalsAddThemUp() {
        String sku = item();
        String north = location();
        String south = location();
        moved("RECEIPT", sku, north, 4);
        moved("RECEIPT", sku, south, 6);
        moved("SALE", sku, south, 1);
        assertThat(at(sku, north)).isEqualTo(Level.of(4, 4, 0, 0, 0, 0, 1));
        assertThat(at(sku, south)).isEqualTo(Level.of(5, 5, 0, 0, 0, 0, 2));
        given().get("/api/v1/stock/" + sku).then().statusCode(200)
                .body("sku", equalTo(sku)).body("totals.onHand", equalTo(9)).body("totals.available", equalTo(9));
    }

    @Test
    void anItemWithoutMovementsHasNoBalances() {
        String sku = item();
        given().get("/api/v1/stock/" + sku).then().statusCode(200)
                .body("totals.onHand", equalTo(0)).body("locations.size()", equalTo(0));
    }

    /** Each row: a type, the stock to start from (received, returned), and the quantity that is one too many. */
    @ParameterizedTest(name = "{0} of {3} after receiving {1} and returning {2}")
    @CsvSource({
            "SALE, 5, 0, 6, available",
            "LOSS, 5, 0, 6, available",
            "DAMAGE, 5, 0, 6, available",
            "SALE, 0, 0, 1, available",
            "RESTOCK, 5, 2, 3, qualityControl" })
    void movingMoreThanIsThereIsRefusedAndChangesNothing(String type, long received, long returned, long quantity,
            String state) {
        String sku = item();
        String loc = location();
        if (received > 0) {
            moved("RECEIPT", sku, loc, received);
        }
        if (returned > 0) {
            moved("RETURN", sku, loc, returned);
        }
        Level before = at(sku, loc);

        String refusedKey = key();
        Response refused = move(refusedKey, type, sku, loc, quantity);
        assertProblem(refused, 409, "quantity");
        refused.then().body("violations[0].in", equalTo("body"))
                .body("violations[0].message", containsString(state));

        assertThat(at(sku, loc)).as("stock after the refused %s", type).isEqualTo(before);
        // No ledger row was written under the refused key: once there is enough, the same key and body apply.
        moved("RECEIPT", sku, loc, quantity);
        if (type.equals("RESTOCK")) {
            moved("RETURN", sku, loc, quantity);
        }
        Level enough = at(sku, loc);
        move(refusedKey, type, sku, loc, quantity).then().statusCode(201)
                .body("resultingVersion", equalTo((int) enough.version() + 1));
        assertThat(at(sku, loc).version()).isEqualTo(enough.version() + 1);
    }

    @Test
    void anItemThatAllowsBackordersMaySellBelowZeroAvailableButNotBelowZeroOnHand() {
        String sku = Api.unique("SKU");
        given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Made to order", "backorderAllowed", true))
                .post("/api/v1/items").then().statusCode(201).body("backorderAllowed", equalTo(true));
        String loc = location();
        moved("RECEIPT", sku, loc, 2);
        // A sale also takes on hand, which never goes below zero, so backorders show up through reservations.
        assertProblem(move("SALE", sku, loc, 3), 409, "quantity");
        assertThat(at(sku, loc)).isEqualTo(Level.of(2, 2, 0, 0, 0, 0, 1));
        Api.reserve(key(), "order-" + sku, List.of(Api.line(1, sku, loc, 5))).then().statusCode(201);
        assertThat(at(sku, loc)).isEqualTo(Level.of(2, -3, 5, 0, 0, 0, 2));
    }
}
