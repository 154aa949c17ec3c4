package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.item;
import static io.stockline.inventory.Api.key;
import static io.stockline.inventory.Api.line;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.moved;
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
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.stockline.inventory.Api.Level;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * A reservation belongs to the caller that made it, and an Idempotency-Key to the caller that sent it: another
 * operator can neither finish the reservation nor claim the key; an admin may finish any reservation.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ReservationOwnershipTest {

    private static final String ALICE = "Bearer " + Tokens.mint("operator", "alice");
    private static final String BOB = "Bearer " + Tokens.mint("operator", "bob");

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer);
    }

    private static Response reserve(String bearer, String key, List<Map<String, Object>> lines) {
        return reserve(bearer, key, Api.unique("order"), lines);
    }

    private static Response reserve(String bearer, String key, String orderId, List<Map<String, Object>> lines) {
        return as(bearer).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("orderId", orderId, "lines", lines))
                .post("/api/v1/reservations");
    }

    private static Response finish(String bearer, String id, String how) {
        return as(bearer).post("/api/v1/reservations/" + id + "/" + how);
    }

    @Test
    void allocationsOwnTokensReserveAndFinishTheirReservationsAndDoNothingElse() {
        String allocation = "Bearer " + Tokens.allocationService(java.util.Set.of("allocator"), java.time.Duration.ofMinutes(5));
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);

        String id = reserve(allocation, key(), List.of(line(1, sku, loc, 3))).then().statusCode(201)
                .extract().jsonPath().getString("id");
        as(allocation).get("/api/v1/stock/" + sku).then().statusCode(200).body("totals.committed", equalTo(3));
        assertProblem(finish(ALICE, id, "commit"), 403, "id");
        finish(allocation, id, "commit").then().statusCode(200).body("status", equalTo("COMMITTED"));
        String alices = reserve(ALICE, key(), List.of(line(1, sku, loc, 1))).then().statusCode(201)
                .extract().jsonPath().getString("id");
        assertProblem(finish(allocation, alices, "release"), 403, "id");

        // the allocator role opens nothing else: no movement, no catalog, no reading beyond stock
        Level before = at(sku, loc);
        assertThat(before.available()).isEqualTo(6);
        as(allocation).contentType(ContentType.JSON).header("Idempotency-Key", key())
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", loc, "quantity", 5))
                .post("/api/v1/movements").then().statusCode(403);
        as(allocation).get("/api/v1/items/" + sku).then().statusCode(403);
        as(allocation).get("/api/v1/locations").then().statusCode(403);
        assertThat(at(sku, loc)).isEqualTo(before);

        // allocation's key vouches for nothing more than it was trusted with
        as("Bearer " + Tokens.allocationService(java.util.Set.of("allocator", "admin"), java.time.Duration.ofMinutes(5)))
                .get("/api/v1/stock/" + sku).then().statusCode(401);
        as("Bearer " + Tokens.allocationService(java.util.Set.of("allocator"), java.time.Duration.ofHours(1)))
                .get("/api/v1/stock/" + sku).then().statusCode(401);
    }

    @Test
    void anOperatorCannotReleaseOrCommitAnotherCallersReservation() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String id = reserve(ALICE, key(), List.of(line(1, sku, loc, 4))).then().statusCode(201)
                .extract().jsonPath().getString("id");
        Level held = at(sku, loc);
        assertThat(held).isEqualTo(Level.of(10, 6, 4, 0, 0, 0, 2));

        Response release = finish(BOB, id, "release");
        assertProblem(release, 403, "id");
        release.then().body("violations[0].in", equalTo("path"));
        assertProblem(finish(BOB, id, "commit"), 403, "id");
        assertThat(at(sku, loc)).as("a refused release or commit changes nothing").isEqualTo(held);

        finish(ALICE, id, "release").then().statusCode(200).body("status", equalTo("RELEASED"));
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 10, 0, 0, 0, 0, 3));
    }

    @Test
    void anAdminMayReleaseOrCommitAnyonesReservation() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String released = reserve(ALICE, key(), List.of(line(1, sku, loc, 2))).then().statusCode(201)
                .extract().jsonPath().getString("id");
        String committed = reserve(BOB, key(), List.of(line(1, sku, loc, 3))).then().statusCode(201)
                .extract().jsonPath().getString("id");

        finish(Tokens.bearer("admin"), released, "release").then().statusCode(200).body("status", equalTo("RELEASED"));
        finish(Tokens.bearer("admin"), committed, "commit").then().statusCode(200).body("status", equalTo("COMMITTED"));
        assertThat(at(sku, loc)).isEqualTo(Level.of(7, 7, 0, 0, 0, 0, 5));
    }

    @Test
    void twoCallersUseTheSameReservationKeyWithoutInterfering() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String key = key();
        List<Map<String, Object>> aliceLines = List.of(line(1, sku, loc, 2));
        List<Map<String, Object>> bobLines = List.of(line(1, sku, loc, 3));

        String order = Api.unique("order");
        String alices = reserve(ALICE, key, order, aliceLines).then().statusCode(201).extract().jsonPath().getString("id");
        // Bob's key is his own: the same key with another body is a new reservation, not alice's, not a refusal
        String bobs = reserve(BOB, key, order, bobLines).then().statusCode(201).extract().jsonPath().getString("id");
        assertThat(bobs).isNotEqualTo(alices);
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 5, 5, 0, 0, 0, 3));

        // each one's retry finds its own reservation and holds nothing more
        reserve(ALICE, key, order, aliceLines).then().statusCode(201).body("id", equalTo(alices));
        reserve(BOB, key, order, bobLines).then().statusCode(201).body("id", equalTo(bobs));
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 5, 5, 0, 0, 0, 3));
        // and each one's reuse of it for another body is refused: 422 naming the header
        Response reused = reserve(ALICE, key, order, bobLines);
        assertProblem(reused, 422, "Idempotency-Key");
        reused.then().body("violations[0].in", equalTo("header"));
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 5, 5, 0, 0, 0, 3));
    }

    @Test
    void aKeyCannotBePreClaimedForAnotherCaller() {
        // allocation's keys are predictable ("allocation-<order>-<attempt>-<location>"): an operator who uses one
        // first must not make allocation's own reservation replay the operator's or be refused
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 10);
        String predictable = "allocation-" + Api.unique("order") + "-1-" + loc;
        String squatted = reserve(ALICE, predictable, List.of(line(1, sku, loc, 1))).then().statusCode(201)
                .extract().jsonPath().getString("id");

        String allocations = reserve(Tokens.bearer("operator"), predictable, List.of(line(1, sku, loc, 5)))
                .then().statusCode(201).body("lines[0].quantity", equalTo(5))
                .extract().jsonPath().getString("id");
        assertThat(allocations).isNotEqualTo(squatted);
        assertThat(at(sku, loc)).isEqualTo(Level.of(10, 4, 6, 0, 0, 0, 3));
    }

    @Test
    void twoCallersUseTheSameMovementKeyWithoutInterfering() {
        String sku = item();
        String loc = location();
        String key = key();
        Map<String, Object> receipt = Api.movement("RECEIPT", sku, loc, 4);
        long alices = as(ALICE).contentType(ContentType.JSON).header("Idempotency-Key", key).body(receipt)
                .post("/api/v1/movements").then().statusCode(201).extract().jsonPath().getLong("id");
        long bobs = as(BOB).contentType(ContentType.JSON).header("Idempotency-Key", key).body(receipt)
                .post("/api/v1/movements").then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(bobs).isNotEqualTo(alices);
        as(ALICE).contentType(ContentType.JSON).header("Idempotency-Key", key).body(receipt)
                .post("/api/v1/movements").then().statusCode(201).body("id", equalTo((int) alices));
        assertThat(at(sku, loc)).isEqualTo(Level.of(8, 8, 0, 0, 0, 0, 2));
    }
}
