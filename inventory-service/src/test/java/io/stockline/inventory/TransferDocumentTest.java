package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
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
import io.stockline.testsupport.StocklineTestResource;

/** A transfer document shipped, partly received, and closed with a loss in transit. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class TransferDocumentTest {

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    static Response create(String from, String to, String sku, long quantity) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("from", from, "to", to, "lines", List.of(Map.of("sku", sku, "quantity", quantity))))
                .post("/api/v1/transfers");
    }

    static Response receive(String number, String key, String sku, long quantity) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity))))
                .post("/api/v1/transfers/" + number + "/receipts");
    }

    static long inTransit(String sku, String location) {
        return ((Number) Api.stock(sku).getList("locations", Map.class).stream()
                .filter(l -> location.equals(l.get("location"))).findFirst().map(l -> l.get("inTransit"))
                .orElse(0)).longValue();
    }

    @Test
    void aTransferWithALossInTransit() {
        String sku = Api.item();
        String from = Api.location();
        String to = Api.location();
        Api.moved("RECEIPT", sku, from, 10);

        String number = create(from, to, sku, 6).then().statusCode(201).body("status", equalTo("DRAFT"))
                .extract().path("number");
        assertThat(Api.at(sku, from).available()).as("a draft moves nothing").isEqualTo(10);
        given().post("/api/v1/transfers/" + number + "/ship").then().statusCode(200)
                .body("status", equalTo("SHIPPED")).body("lines[0].inTransit", equalTo(6));
        assertThat(Api.at(sku, from)).isEqualTo(new Api.Level(4, 4, 0, 0, 0, 0, 2));
        assertThat(inTransit(sku, from)).isEqualTo(6);
        Api.assertAuditConsistent();

        String key = Api.key();
        receive(number, key, sku, 4).then().statusCode(201).body("replayed", equalTo(false))
                .body("transfer.status", equalTo("PARTIALLY_RECEIVED")).body("transfer.lines[0].inTransit", equalTo(2));
        Api.Level arrived = Api.at(sku, to);
        assertThat(arrived).isEqualTo(new Api.Level(4, 4, 0, 0, 0, 0, 1));
        assertThat(inTransit(sku, from)).isEqualTo(2);
        Api.assertAuditConsistent();
        receive(number, key, sku, 4).then().statusCode(200).body("replayed", equalTo(true));
        assertThat(Api.at(sku, to)).isEqualTo(arrived);
        assertThat(inTransit(sku, from)).isEqualTo(2);
        assertProblem(receive(number, Api.key(), sku, 3), 409, "lines[0].quantity");

        given().post("/api/v1/transfers/" + number + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("lines[0].lost", equalTo(2)).body("lines[0].inTransit", equalTo(0));
        assertThat(inTransit(sku, from)).isZero();
        assertThat(Api.at(sku, from)).isEqualTo(new Api.Level(4, 4, 0, 0, 0, 0, 4));
        assertThat(Api.at(sku, to).onHand()).isEqualTo(4);
        JsonPath ledger = given().queryParam("sku", sku).queryParam("location", from).get("/api/v1/ledger").then()
                .statusCode(200).extract().jsonPath();
        assertThat(ledger.getList("type", String.class))
                .containsExactly("RECEIPT", "TRANSFER_OUT", "TRANSFER_IN", "LOST_IN_TRANSIT");
        assertThat(ledger.getList("reference", String.class).subList(1, 4)).containsOnly(number);
        assertThat(ledger.getLong("[3].quantity")).isEqualTo(2);
        Api.assertAuditConsistent();
        assertProblem(receive(number, Api.key(), sku, 1), 409, "status");
    }

    @Test
    void badTransfersAreProblemsNamingTheField() {
        String sku = Api.item();
        String from = Api.location();
        String to = Api.location();
        Api.moved("RECEIPT", sku, from, 2);
        assertProblem(create(from, from, sku, 1), 422, "to");
        assertProblem(create(from, "NOPE-" + Api.key(), sku, 1), 404, "to");
        assertProblem(create("NOPE-" + Api.key(), to, sku, 1), 404, "from");
        assertProblem(create(from, to, "NOPE-" + Api.key(), 1), 404, "lines[0].sku");
        assertProblem(create(from, to, sku, 0), 400, "lines[0].quantity");

        String tooMany = create(from, to, sku, 3).then().statusCode(201).extract().path("number");
        assertProblem(given().post("/api/v1/transfers/" + tooMany + "/ship"), 409, "lines[0].quantity");
        assertThat(Api.at(sku, from)).isEqualTo(new Api.Level(2, 2, 0, 0, 0, 0, 1));
        assertProblem(receive(tooMany, Api.key(), sku, 1), 409, "status");
        given().post("/api/v1/transfers/" + tooMany + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));

        String shipped = create(from, to, sku, 1).then().statusCode(201).extract().path("number");
        given().post("/api/v1/transfers/" + shipped + "/ship").then().statusCode(200);
        assertProblem(given().post("/api/v1/transfers/" + shipped + "/cancel"), 409, "status");
        assertProblem(receive(shipped, Api.key(), Api.item(), 1), 422, "lines[0].sku");
        assertProblem(given().get("/api/v1/transfers/TR-NOPE"), 404, "number");
        assertProblem(given().get("/api/v1/transfers?limit=0"), 400, "limit");
        assertProblem(given().get("/api/v1/transfers?limit=101"), 400, "limit");
        receive(shipped, Api.key(), sku, 1).then().statusCode(201).body("transfer.status", equalTo("RECEIVED"));
    }
}
