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
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.inventory.Api.Level;
import io.stockline.testsupport.StocklineTestResource;

/** A movement applies once per Idempotency-Key; a repeat returns the first result. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class IdempotencyTest {

    @org.junit.jupiter.api.AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    @Test
    void theSameKeyTwiceReturnsTheSameMovementAndChangesStockOnce() {
        String sku = item();
        String loc = location();
        String key = key();
        Response first = move(key, "RECEIPT", sku, loc, 9);
        first.then().statusCode(201);
        Response second = move(key, "RECEIPT", sku, loc, 9);
        second.then().statusCode(201);

        assertThat(second.jsonPath().getLong("id")).isEqualTo(first.jsonPath().getLong("id"));
        assertThat(second.jsonPath().getLong("resultingVersion")).isEqualTo(1);
        assertThat(at(sku, loc)).isEqualTo(Level.of(9, 9, 0, 0, 0, 0, 1));
    }

    @Test
    void aReplayReturnsTheFirstMovementEvenAfterLaterChanges() {
        String sku = item();
        String loc = location();
        String key = key();
        long id = move(key, "RECEIPT", sku, loc, 3).then().statusCode(201).extract().jsonPath().getLong("id");
        moved("SALE", sku, loc, 2);
        move(key, "RECEIPT", sku, loc, 3).then().statusCode(201)
                .body("id", equalTo((int) id)).body("resultingVersion", equalTo(1));
        assertThat(at(sku, loc)).isEqualTo(Level.of(1, 1, 0, 0, 0, 0, 2));
    }

    @Test
    void theSameKeyWithADifferentBodyIsUnprocessableNamingTheHeader() {
        String sku = item();
        String loc = location();
        String key = key();
        moved("RECEIPT", sku, loc, 10);
        move(key, "SALE", sku, loc, 2).then().statusCode(201);

        Response other = move(key, "SALE", sku, loc, 3);
        assertProblem(other, 422, "Idempotency-Key");
        other.then().body("violations[0].in", equalTo("header"));
        assertProblem(move(key, "LOSS", sku, loc, 2), 422, "Idempotency-Key");
        assertThat(at(sku, loc)).isEqualTo(Level.of(8, 8, 0, 0, 0, 0, 2));
    }

    @Test
    void aMissingIdempotencyKeyIsABadRequestNamingTheHeader() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 4);
        Response missing = given().contentType(ContentType.JSON).body(Api.movement("SALE", sku, loc, 1))
                .post("/api/v1/movements");
        assertProblem(missing, 400, "Idempotency-Key");
        missing.then().body("violations[0].in", equalTo("header"));
        assertThat(at(sku, loc)).isEqualTo(Level.of(4, 4, 0, 0, 0, 0, 1));
    }

    @Test
    void aBlankOrOverlongIdempotencyKeyIsABadRequestNamingTheHeader() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 4);
        assertProblem(move("   ", "SALE", sku, loc, 1), 400, "Idempotency-Key");
        assertProblem(move("k".repeat(201), "SALE", sku, loc, 1), 400, "Idempotency-Key");
        move("k".repeat(200), "SALE", sku, loc, 1).then().statusCode(201);
        assertThat(at(sku, loc)).isEqualTo(Level.of(3, 3, 0, 0, 0, 0, 2));
    }

    @Test
    void concurrentRequestsWithTheSameKeyAllGetTheFirstMovementAndStockChangesOnce() throws Exception {
        String sku = item();
        String loc = location();
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> move(key, "RECEIPT", sku, loc, 3)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
                ids.add(response.jsonPath().getLong("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(at(sku, loc)).isEqualTo(Level.of(3, 3, 0, 0, 0, 0, 1));
    }

    @Test
    void theSameBodyUnderANewKeyIsANewMovement() {
        String sku = item();
        String loc = location();
        long first = move("RECEIPT", sku, loc, 2).then().statusCode(201).extract().jsonPath().getLong("id");
        long second = move("RECEIPT", sku, loc, 2).then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(at(sku, loc)).isEqualTo(Level.of(4, 4, 0, 0, 0, 0, 2));
    }
}
