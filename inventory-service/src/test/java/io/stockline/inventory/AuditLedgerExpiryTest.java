package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class AuditLedgerExpiryTest {

    @Test
    void theLedgerListsEveryMovementInOrderAndPages() {
        String location = Api.location();
        String sku = Api.item();
        Api.moved("RECEIPT", sku, location, 10);
        Api.moved("SALE", sku, location, 3);
        Api.moved("DAMAGE", sku, location, 1);

        JsonPath all = given().queryParam("sku", sku).get("/api/v1/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("type", String.class)).containsExactly("RECEIPT", "SALE", "DAMAGE");
        assertThat(all.getList("resultingVersion", Integer.class)).containsExactly(1, 2, 3);

        long firstId = all.getLong("[0].id");
        given().queryParam("sku", sku).queryParam("after", firstId).queryParam("limit", 1).get("/api/v1/ledger")
                .then().statusCode(200).body("type", equalTo(List.of("SALE")));
        assertProblem(given().queryParam("sku", "NO-SUCH-SKU").get("/api/v1/ledger"), 404, "sku");
        Api.assertAuditConsistent();
    }

    @Test
    void theAuditFindsABalanceThatNoLongerMatchesItsLedger() throws Exception {
        String location = Api.location();
        String sku = Api.item();
        Api.moved("RECEIPT", sku, location, 5);
        Api.assertAuditConsistent();

        try (Connection connection = TestDatabase.connect()) {
            execute(connection, "UPDATE stock_level SET available = available + 1, on_hand = on_hand + 1 WHERE sku = ?", sku);
            try {
                given().get("/api/v1/audit").then().statusCode(200)
                        .body("consistent", equalTo(false))
                        .body("differences.field", hasItem("available"))
                        .body("differences.sku", hasItem(sku));
            } finally {
                execute(connection, "UPDATE stock_level SET available = available - 1, on_hand = on_hand - 1 WHERE sku = ?", sku);
            }
        }
        Api.assertAuditConsistent();
    }

    private static void execute(Connection connection, String sql, String sku) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, sku);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void anExpiredHoldGivesItsUnitsBack() {
        String location = Api.location();
        String sku = Api.item();
        Api.moved("RECEIPT", sku, location, 4);
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(Map.of("orderId", Api.unique("cart"), "expiresAt",
                        OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).toString(),
                        "lines", List.of(Api.line(1, sku, location, 3))))
                .post("/api/v1/reservations").then().statusCode(201).extract().path("id");
        assertThat(Api.at(sku, location).available()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Level level = Api.at(sku, location);
            assertThat(level.available()).isEqualTo(4);
            assertThat(level.committed()).isZero();
        });
        assertProblem(Api.commit(id), 409, "id");
        given().queryParam("sku", sku).get("/api/v1/ledger").then()
                .body("type", equalTo(List.of("RECEIPT", "RESERVE", "RELEASE")))
                .body("[2].actor", equalTo("system:expiry"));
        Api.assertAuditConsistent();
    }

    @Test
    void aHoldThatHasAlreadyExpiredIsRefused() {
        String location = Api.location();
        String sku = Api.item();
        Api.moved("RECEIPT", sku, location, 4);
        assertProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                .body(Map.of("orderId", Api.unique("cart"), "expiresAt",
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString(),
                        "lines", List.of(Api.line(1, sku, location, 1))))
                .post("/api/v1/reservations"), 422, "expiresAt");
        assertThat(Api.at(sku, location).available()).isEqualTo(4);
    }
}
