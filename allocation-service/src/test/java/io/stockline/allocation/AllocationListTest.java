package io.stockline.allocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.allocation.service.AllocationCursor;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;
import io.stockline.testsupport.TestDatabase;

/**
 * GET /api/v1/allocations on the real database: the latest changed orders first, each with its shipping locations
 * (a split order has several) and its backordered lines, one status at a time, page after page; every role reads it.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class AllocationListTest {

    @Test
    void theLatestDecisionsComeFirstWithTheirLocationsAndBackorderedLinesPageAfterPage() throws SQLException {
        String split = AllocationFlowTest.newOrderId();
        String backordered = AllocationFlowTest.newOrderId();
        String single = AllocationFlowTest.newOrderId();
        // a day ahead, each later than the one after it: newer than anything else the shared database holds
        allocation(single, "ALLOCATED", null, 1);
        shipment(single, "WH-1", "[{\"line\":1,\"sku\":\"MUG\",\"quantity\":1}]");
        allocation(backordered, "BACKORDERED", "[{\"line\":1,\"sku\":\"PLATE\",\"quantity\":3}]", 2);
        allocation(split, "ALLOCATED", null, 3);
        shipment(split, "WH-1", "[{\"line\":1,\"sku\":\"MUG\",\"quantity\":2}]");
        shipment(split, "WH-2", "[{\"line\":2,\"sku\":\"PLATE\",\"quantity\":1}]");

        given().header("Authorization", Tokens.bearer("viewer")).queryParam("limit", 3).get("/api/v1/allocations")
                .then().statusCode(200)
                .body("allocations.orderId", equalTo(List.of(split, backordered, single)))
                .body("allocations[0].status", equalTo("ALLOCATED"))
                .body("allocations[0].shipments.location", equalTo(List.of("WH-1", "WH-2")))
                .body("allocations[0].shipments[1].lines[0].sku", equalTo("PLATE"))
                .body("allocations[1].status", equalTo("BACKORDERED"))
                .body("allocations[1].shipments.size()", equalTo(0))
                .body("allocations[1].backordered[0].sku", equalTo("PLATE"))
                .body("allocations[1].backordered[0].quantity", equalTo(3))
                .body("allocations[2].shipments.location", equalTo(List.of("WH-1")))
                .body("next", notNullValue());

        String next = given().header("Authorization", Tokens.bearer("viewer")).queryParam("limit", 2)
                .get("/api/v1/allocations").then().statusCode(200)
                .body("allocations.orderId", equalTo(List.of(split, backordered)))
                .extract().path("next");
        given().header("Authorization", Tokens.bearer("viewer")).queryParam("limit", 1).queryParam("before", next)
                .get("/api/v1/allocations").then().statusCode(200)
                .body("allocations.orderId", equalTo(List.of(single)));

        given().header("Authorization", Tokens.bearer("viewer")).queryParam("status", "BACKORDERED")
                .queryParam("limit", 1).get("/api/v1/allocations").then().statusCode(200)
                .body("allocations.orderId", equalTo(List.of(backordered)));
    }

    @Test
    void everyRoleReadsTheListAndNobodyElse() {
        given().get("/api/v1/allocations").then().statusCode(401);
        for (String role : List.of("viewer", "operator", "admin")) {
            given().header("Authorization", Tokens.bearer(role)).queryParam("limit", 1).get("/api/v1/allocations")
                    .then().statusCode(200).body("allocations", notNullValue());
        }
    }

    @Test
    void aBadStatusCursorOrLimitIsAProblemNamingTheParameter() {
        given().header("Authorization", Tokens.bearer("viewer")).queryParam("status", "MAYBE")
                .get("/api/v1/allocations").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem("status")).body("violations.in", hasItem("query"));
        given().header("Authorization", Tokens.bearer("viewer")).queryParam("before", "not-a-cursor")
                .get("/api/v1/allocations").then().statusCode(400)
                .body("violations.field", hasItem("before"));
        given().header("Authorization", Tokens.bearer("viewer")).queryParam("limit", 0)
                .get("/api/v1/allocations").then().statusCode(400)
                .body("violations.field", hasItem(containsString("limit")));
        // a typed parameter answered these with a bare 404
        given().header("Authorization", Tokens.bearer("viewer")).queryParam("limit", "abc")
                .get("/api/v1/allocations").then().statusCode(400)
                .body("violations.field", hasItem("limit"));
        given().header("Authorization", Tokens.bearer("viewer")).queryParam("limit", "3000000000")
                .get("/api/v1/allocations").then().statusCode(400)
                .body("violations.field", hasItem("limit"));
    }

    @Test
    void theLastPageSaysThereIsNoNext() {
        given().header("Authorization", Tokens.bearer("viewer")).queryParam("status", "BACKORDERED")
                .queryParam("limit", 100).queryParam("before",
                        new AllocationCursor(OffsetDateTime.parse("2000-01-01T00:00:00Z"), "a").encoded())
                .get("/api/v1/allocations").then().statusCode(200)
                .body("allocations.size()", equalTo(0)).body("next", nullValue());
    }

    private void allocation(String orderId, String status, String unfilled, int secondsAhead) throws SQLException {
        update("""
                INSERT INTO allocation (order_id, status, channel, attempt, unfilled, updated_at, decided_at)
                VALUES (?, ?, 'webshop', 1, ?, now() + INTERVAL '1 day' + make_interval(secs => ?),
                    now() + INTERVAL '1 day' + make_interval(secs => ?))""",
                orderId, status, unfilled, secondsAhead, secondsAhead);
    }

    private void shipment(String orderId, String location, String lines) throws SQLException {
        update("""
                INSERT INTO allocation_shipment (order_id, location, reservation_id, status, lines)
                VALUES (?, ?, ?, 'HELD', ?)""", orderId, location, UUID.randomUUID(), lines);
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
