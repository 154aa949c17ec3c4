package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;

/** A return waits in quality control, is inspected (half restocked, half damaged), and the damaged half written off. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ReturnsInspectionTest {

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    static Response inspect(String key, String sku, String location, long restock, long damaged) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("sku", sku, "location", location, "restock", restock, "damaged", damaged))
                .post("/api/v1/returns/inspections");
    }

    static Response writeOff(String sku, String location, long quantity, String state) {
        Map<String, Object> body = Api.movement("WRITE_OFF", sku, location, quantity);
        if (state != null) {
            body.put("state", state);
        }
        return given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(body)
                .post("/api/v1/movements");
    }

    @Test
    void returnInspectHalfRestockedHalfDamagedThenWrittenOffWithAvailableUntouched() {
        String sku = Api.item();
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 20);
        Api.moved("SALE", sku, location, 10);
        Api.moved("RETURN", sku, location, 10);
        assertThat(Api.at(sku, location)).isEqualTo(new Api.Level(20, 10, 0, 0, 0, 10, 3));
        Api.assertAuditConsistent();

        String key = Api.key();
        inspect(key, sku, location, 5, 5).then().statusCode(201)
                .body("available", equalTo(15)).body("damaged", equalTo(5)).body("qualityControl", equalTo(0))
                .body("replayed", equalTo(false));
        Api.Level inspected = Api.at(sku, location);
        assertThat(inspected).isEqualTo(new Api.Level(20, 15, 0, 0, 5, 0, 5));
        Api.assertAuditConsistent();
        // The same inspection again (a retry) changes nothing.
        inspect(key, sku, location, 5, 5).then().statusCode(200).body("replayed", equalTo(true));
        assertThat(Api.at(sku, location)).isEqualTo(inspected);
        assertProblem(inspect(key, sku, location, 4, 6), 422, "Idempotency-Key");

        writeOff(sku, location, 5, "DAMAGED").then().statusCode(201).body("type", equalTo("WRITE_OFF"));
        Api.Level writtenOff = Api.at(sku, location);
        assertThat(writtenOff.available()).as("a write-off never touches available").isEqualTo(15);
        assertThat(writtenOff).isEqualTo(new Api.Level(15, 15, 0, 0, 0, 0, 6));
        Api.assertAuditConsistent();

        // Nothing damaged is left: writing off more is refused, and available still untouched.
        assertProblem(writeOff(sku, location, 1, "DAMAGED"), 409, "quantity");
        assertThat(Api.at(sku, location)).isEqualTo(writtenOff);
    }

    @Test
    void aWriteOffFromQualityControlTakesReturnedUnitsNotAvailableOnes() {
        String sku = Api.item();
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 4);
        Api.moved("RETURN", sku, location, 3);
        writeOff(sku, location, 2, "QUALITY_CONTROL").then().statusCode(201);
        assertThat(Api.at(sku, location)).isEqualTo(new Api.Level(5, 4, 0, 0, 0, 1, 3));
        assertProblem(writeOff(sku, location, 2, "QUALITY_CONTROL"), 409, "quantity");
        assertThat(Api.at(sku, location).available()).isEqualTo(4);
    }

    @Test
    void badInspectionsAndWriteOffsAreProblemsNamingTheField() {
        String sku = Api.item();
        String location = Api.location();
        Api.moved("RETURN", sku, location, 2);
        assertProblem(writeOff(sku, location, 1, null), 400, "state");
        Response available = writeOff(sku, location, 1, "AVAILABLE");
        assertProblem(available, 400);
        available.then().body("field", equalTo("state"));
        Map<String, Object> receiptWithState = Api.movement("RECEIPT", sku, location, 1);
        receiptWithState.put("state", "DAMAGED");
        assertProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(receiptWithState)
                .post("/api/v1/movements"), 422, "state");
        assertProblem(inspect(Api.key(), sku, location, 3, 0), 409, "restock");
        assertProblem(inspect(Api.key(), sku, location, 1, 2), 409, "damaged");
        assertProblem(inspect(Api.key(), sku, location, 0, 0), 422, "restock");
        assertProblem(inspect(Api.key(), sku, location, -1, 0), 400, "restock");
        assertProblem(inspect(Api.key(), "NOPE-" + Api.key(), location, 1, 0), 404, "sku");
        assertProblem(inspect(Api.key(), sku, "NOPE-" + Api.key(), 1, 0), 404, "location");
        Map<String, Object> noSku = new HashMap<>(Map.of("location", location, "restock", 1, "damaged", 0));
        assertProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(noSku)
                .post("/api/v1/returns/inspections"), 400, "sku");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("sku", sku, "location", location, "restock", 1, "damaged", 0))
                .post("/api/v1/returns/inspections"), 400, "Idempotency-Key");
        assertThat(Api.at(sku, location)).isEqualTo(new Api.Level(2, 0, 0, 0, 0, 2, 1));
    }
}
