package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.item;
import static io.stockline.inventory.Api.key;
import static io.stockline.inventory.Api.line;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.moved;
import static io.stockline.inventory.Api.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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

/** POST /api/v1/reservations/batch: each reservation all-or-nothing on its own, answered in the order sent. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ReservationBatchTest {

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static Map<String, Object> entry(String key, String orderId, List<Map<String, Object>> lines) {
        return Map.of("idempotencyKey", key, "orderId", orderId, "lines", lines);
    }

    private static Response batch(List<Map<String, Object>> entries) {
        return given().contentType(ContentType.JSON).body(Map.of("reservations", entries))
                .post("/api/v1/reservations/batch");
    }

    @Test
    void eachReservationIsAnsweredAsItsOwnCallWouldBeInTheOrderSent() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 3);
        String first = key();
        List<Map<String, Object>> entries = List.of(
                entry(first, "o-1", List.of(line(1, sku, loc, 2))),
                entry(key(), "o-2", List.of(line(1, "NO-SUCH-SKU", null, 1))),
                entry(key(), "o-3", List.of(line(1, sku, loc, 2))),
                entry(first, "o-1", List.of(line(1, sku, loc, 2))),
                entry(first, "o-1", List.of(line(1, sku, loc, 1))),
                entry(key(), "o-6", List.of(line(1, sku, null, 1))));

        JsonPath answer = batch(entries).then().statusCode(200).extract().jsonPath();

        assertThat(answer.getList("results.status")).containsExactly(201, 404, 409, 200, 422, 201);
        String id = answer.getString("results[0].reservation.id");
        assertThat(answer.getString("results[0].reservation.status")).isEqualTo("ACTIVE");
        assertThat(answer.getString("results[1].problem.violations[0].field")).isEqualTo("lines[0].sku");
        assertThat(answer.getString("results[2].problem.violations[0].field")).isEqualTo("lines[0].quantity");
        assertThat(answer.getString("results[2].problem.title")).isEqualTo("Insufficient stock");
        assertThat(answer.getString("results[3].reservation.id")).isEqualTo(id);
        assertThat(answer.getString("results[4].problem.violations[0].field")).isEqualTo("Idempotency-Key");
        assertThat(answer.getString("results[5].reservation.lines[0].location")).isEqualTo(loc);
        assertThat(at(sku, loc)).isEqualTo(Level.of(3, 0, 3, 0, 0, 0, 3));

        // the same batch again changes nothing: what held replays, what was refused is refused again
        JsonPath again = batch(entries).then().statusCode(200).extract().jsonPath();
        assertThat(again.getList("results.status")).containsExactly(200, 404, 409, 200, 422, 200);
        assertThat(again.getString("results[0].reservation.id")).isEqualTo(id);
        assertThat(again.getString("results[5].reservation.id")).isEqualTo(answer.getString("results[5].reservation.id"));
        assertThat(at(sku, loc)).isEqualTo(Level.of(3, 0, 3, 0, 0, 0, 3));

        // a key is the caller's whichever way it is sent: the single call replays the batch's reservation
        reserve(first, "o-1", List.of(line(1, sku, loc, 2))).then().statusCode(201).body("id", equalTo(id));
    }

    @Test
    void aMalformedBatchNamesTheFieldAndHoldsNothing() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 3);

        assertProblem(batch(List.of(entry(key(), "o-1", List.of(line(1, sku, loc, 1))),
                entry(key(), "o-2", List.of(line(1, sku, loc, 0))))), 400, "reservations[1].lines[0].quantity");
        assertProblem(batch(List.of(Map.of("orderId", "o-1", "lines", List.of(line(1, sku, loc, 1))))), 400,
                "reservations[0].idempotencyKey");
        assertProblem(batch(List.of()), 400, "reservations");

        assertThat(at(sku, loc)).isEqualTo(Level.of(3, 3, 0, 0, 0, 0, 1));
    }
}
