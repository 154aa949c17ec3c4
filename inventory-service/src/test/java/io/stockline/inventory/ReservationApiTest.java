package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.commit;
import static io.stockline.inventory.Api.item;
import static io.stockline.inventory.Api.key;
import static io.stockline.inventory.Api.line;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.moved;
import static io.stockline.inventory.Api.release;
import static io.stockline.inventory.Api.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.inventory.Api.Level;
import io.stockline.testsupport.StocklineTestResource;

/** POST /api/v1/reservations and its release and commit. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ReservationApiTest {

    private static final int RACERS = 6;

    @org.junit.jupiter.api.AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static String reserved(String sku, String location, long quantity) {
        return reserve(key(), "order-" + Api.unique("O"), List.of(line(1, sku, location, quantity)))
                .then().statusCode(201).body("status", equalTo("ACTIVE"))
                .extract().jsonPath().getString("id");
    }

    @Test
    void aReservationMovesAvailableToCommittedAndAnswersWithItsLines() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String orderId = "order-" + sku;
        reserve(key(), orderId, List.of(line(7, sku, loc, 4))).then().statusCode(201)
                .body("id", notNullValue())
                .body("orderId", equalTo(orderId)).body("status", equalTo("ACTIVE"))
                .body("lines.size()", equalTo(1))
                .body("lines[0].line", equalTo(7)).body("lines[0].sku", equalTo(sku))
                .body("lines[0].location", equalTo(loc)).body("lines[0].quantity", equalTo(4));
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 6, 4, 0, 0, 0, 2));
    }

    @Test
    void aMultiLineReservationHoldsEveryLineOrNone() {
        String mug = item();
        String plate = item();
        String loc = location();
        moved("RECEIPT", mug, loc, 5);
        moved("RECEIPT", plate, loc, 2);
        String key = key();

        Response refused = reserve(key, "order-" + mug, List.of(line(1, mug, loc, 3), line(2, plate, loc, 3)));
        assertProblem(refused, 409, "lines[1].quantity");
        assertThat(at(mug, loc)).as("the line that fitted is not held").isEqualTo(Level.of(5, 5, 0, 0, 0, 0, 1));
        assertThat(at(plate, loc)).isEqualTo(Level.of(2, 2, 0, 0, 0, 0, 1));

        // Nothing was stored under the key either: with enough stock the same request now succeeds.
        moved("RECEIPT", plate, loc, 1);
        reserve(key, "order-" + mug, List.of(line(1, mug, loc, 3), line(2, plate, loc, 3))).then().statusCode(201)
                .body("lines.size()", equalTo(2));
        assertThat(at(mug, loc)).isEqualTo(Level.of(5, 2, 3, 0, 0, 0, 2));
        assertThat(at(plate, loc)).isEqualTo(Level.of(3, 0, 3, 0, 0, 0, 3));
    }

    @Test
    void aShortFirstLineLeavesTheOtherLinesAlone() {
        String sku = item();
        String north = location();
        String south = location();
        moved("RECEIPT", sku, north, 1);
        moved("RECEIPT", sku, south, 9);
        assertProblem(reserve(key(), "order-" + sku, List.of(line(1, sku, north, 2), line(2, sku, south, 2))),
                409, "lines[0].quantity");
        assertThat(at(sku, north)).isEqualTo(Level.of(1, 1, 0, 0, 0, 0, 1));
        assertThat(at(sku, south)).isEqualTo(Level.of(9, 9, 0, 0, 0, 0, 1));
    }

    @Test
    void withoutALocationTheHighestPriorityThenMostAvailableLocationIsChosen() {
        String sku = item();
        String low = location(1);
        String highFew = location(5);
        String highMany = location(5);
        String closed = Api.unique("LOC");
        given().contentType(ContentType.JSON).body(Map.of("code", closed, "name", "Closed", "type", "STORE",
                "priority", 99, "fulfilsOrders", false)).post("/api/v1/locations").then().statusCode(201);
        moved("RECEIPT", sku, low, 6);
        moved("RECEIPT", sku, highFew, 3);
        moved("RECEIPT", sku, highMany, 8);
        moved("RECEIPT", sku, closed, 50);

        // Same priority: the one with most available (highMany 8 before highFew 3); highMany keeps 6.
        assertThat(heldAt(sku, 2)).isEqualTo(highMany);
        // Priority before quantity: highMany (6) before low (6); highMany keeps 2.
        assertThat(heldAt(sku, 4)).isEqualTo(highMany);
        // Only locations that can take the whole line: highMany (2) cannot take 3, highFew (3) can.
        assertThat(heldAt(sku, 3)).isEqualTo(highFew);
        // The low-priority location when no other can.
        assertThat(heldAt(sku, 5)).isEqualTo(low);
        // Nothing left that fulfils orders can take 3; the closed store is never chosen.
        assertProblem(reserve(key(), "order-" + sku, List.of(line(1, sku, null, 3))), 409, "lines[0].quantity");

        assertThat(at(sku, low)).isEqualTo(Level.of(6, 1, 5, 0, 0, 0, 2));
        assertThat(at(sku, highFew)).isEqualTo(Level.of(3, 0, 3, 0, 0, 0, 2));
        assertThat(at(sku, highMany)).isEqualTo(Level.of(8, 2, 6, 0, 0, 0, 3));
        assertThat(at(sku, closed)).isEqualTo(Level.of(50, 50, 0, 0, 0, 0, 1));
    }

    private static String heldAt(String sku, long quantity) {
        return reserve(key(), "order-" + Api.unique("O"), List.of(line(1, sku, null, quantity)))
                .then().statusCode(201).extract().jsonPath().getString("lines[0].location");
    }

    @Test
    void releaseReturnsTheStockToAvailable() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String id = reserved(sku, loc, 4);
        release(id).then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("RELEASED"))
                .body("lines[0].quantity", equalTo(4));
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 10, 0, 0, 0, 0, 3));
    }

    @Test
    void commitShipsTheHeldUnits() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String id = reserved(sku, loc, 4);
        commit(id).then().statusCode(200).body("status", equalTo("COMMITTED"));
        assertThat(at(sku, loc)).isEqualTo(Level.of(6, 6, 0, 0, 0, 0, 3));
    }

    @Test
    void releasingOrCommittingTwiceMovesTheStockOnce() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String released = reserved(sku, loc, 3);
        String committed = reserved(sku, loc, 2);
        release(released).then().statusCode(200).body("status", equalTo("RELEASED"));
        release(released).then().statusCode(200).body("status", equalTo("RELEASED"));
        commit(committed).then().statusCode(200).body("status", equalTo("COMMITTED"));
        commit(committed).then().statusCode(200).body("status", equalTo("COMMITTED"));
        assertThat(at(sku, loc)).isEqualTo(Level.of(8, 8, 0, 0, 0, 0, 5));
    }

    @Test
    void requestsRacingToCommitOneReservationAllGetItCommittedAndTheStockMovesOnce() throws Exception {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 100);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 1; round <= 10; round++) {
                // as allocation retrying a commit whose answer it did not get while the first is still in flight
                String id = reserved(sku, loc, 1);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> racers = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    racers.add(pool.submit(() -> {
                        start.await();
                        return commit(id);
                    }));
                }
                start.countDown();
                for (Future<Response> racer : racers) {
                    racer.get(60, TimeUnit.SECONDS).then().statusCode(200).body("status", equalTo("COMMITTED"));
                }
                assertThat(at(sku, loc).onHand()).isEqualTo(100 - round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void committingAReleasedReservationOrReleasingACommittedOneIsAConflict() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String released = reserved(sku, loc, 3);
        String committed = reserved(sku, loc, 2);
        release(released).then().statusCode(200);
        commit(committed).then().statusCode(200);
        Level before = at(sku, loc);

        assertProblem(commit(released), 409, "id");
        assertProblem(release(committed), 409, "id");
        assertThat(at(sku, loc)).isEqualTo(before).isEqualTo(Level.of(8, 8, 0, 0, 0, 0, 5));
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameReservationAndHoldsOnce() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String key = key();
        List<Map<String, Object>> lines = List.of(line(1, sku, loc, 3));
        String first = reserve(key, "order-" + sku, lines).then().statusCode(201).extract().jsonPath().getString("id");
        String again = reserve(key, "order-" + sku, lines).then().statusCode(201).extract().jsonPath().getString("id");
        assertThat(again).isEqualTo(first);
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 7, 3, 0, 0, 0, 2));

        Response different = reserve(key, "order-" + sku, List.of(line(1, sku, loc, 4)));
        assertProblem(different, 422, "Idempotency-Key");
        different.then().body("violations[0].in", equalTo("header"));
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 7, 3, 0, 0, 0, 2));
    }

    @Test
    void concurrentRequestsWithTheSameKeyGetOneReservation() throws Exception {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> reserve(key, "order-" + sku, List.of(line(1, sku, loc, 2)))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
                ids.add(response.jsonPath().getString("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 8, 2, 0, 0, 0, 2));
    }

    @Test
    void aReservationNeedsAnIdempotencyKey() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        Response missing = given().contentType(ContentType.JSON)
                .body(Map.of("orderId", "order-" + sku, "lines", List.of(line(1, sku, loc, 1))))
                .post("/api/v1/reservations");
        assertProblem(missing, 400, "Idempotency-Key");
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 10, 0, 0, 0, 0, 1));
    }
}
