package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Counting.approve;
import static io.stockline.inventory.Counting.count;
import static io.stockline.inventory.Counting.counted;
import static io.stockline.inventory.Counting.propose;
import static io.stockline.inventory.Counting.taskOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;

/** Every bad input to the cycle-count API is a 4xx problem naming the field, and changes nothing. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class CountingBadInputTest {

    private static final String ABC = "/api/v1/counting/abc";
    private static final String ACCURACY = "/api/v1/counting/accuracy";

    private String sku;
    private String location;
    private String task;

    @BeforeEach
    void anOpenTask() {
        sku = Counting.item(null);
        location = Api.location();
        Api.moved("RECEIPT", sku, location, 10);
        propose(location);
        task = taskOf(sku, location);
    }

    @AfterEach
    void nothingChanged() {
        Api.assertAuditConsistent();
    }

    private static Response countBody(String task, String json) {
        return given().contentType(ContentType.JSON).body(json).post(Counting.TASKS + "/" + task + "/count");
    }

    @Test
    void aBadClassIsABadRequestNamingIt() {
        assertProblem(given().contentType(ContentType.JSON).body(Map.of()).put(ABC + "/" + sku), 400, "abcClass");
        Response unknown = given().contentType(ContentType.JSON).body(Map.of("abcClass", "D")).put(ABC + "/" + sku);
        assertProblem(unknown, 400);
        unknown.then().body("field", equalTo("abcClass"));
        assertProblem(given().queryParam("class", "D").get(ABC), 400, "class");
        given().get(ABC + "/" + sku).then().statusCode(200).body("manualClass", equalTo(null));
    }

    @Test
    void anUnknownOrStocklessSkuIsNamed() {
        String nowhere = Api.unique("NOSUCH");
        assertProblem(Counting.pin(nowhere, "A"), 404, "sku");
        assertProblem(given().delete(ABC + "/" + nowhere), 404, "sku");
        assertProblem(given().get(ABC + "/" + nowhere), 404, "sku");
        String bundle = Api.unique("BUNDLE");
        given().contentType(ContentType.JSON).body(Map.of("sku", bundle, "name", "Bundle", "kind", "BUNDLE",
                "components", List.of(Map.of("sku", sku, "quantity", 2)))).post("/api/v1/items").then().statusCode(201);
        assertProblem(Counting.pin(bundle, "A"), 422, "sku");
        assertProblem(given().get(ABC + "/" + bundle), 404, "sku");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "10001", "-3", "many" })
    void aLimitOutOfRangeIsABadRequestNamingLimit(String limit) {
        assertProblem(given().queryParam("limit", limit).get(ABC), 400, "limit");
        if (!"10001".equals(limit)) {
            assertProblem(given().queryParam("limit", limit).get(Counting.TASKS), 400, "limit");
        }
    }

    @Test
    void aProposalNamesItsLocation() {
        assertProblem(given().post(Counting.TASKS + "/propose"), 400, "location");
        assertProblem(given().queryParam("location", " ").post(Counting.TASKS + "/propose"), 400, "location");
        assertProblem(given().queryParam("location", Api.unique("NOWHERE")).post(Counting.TASKS + "/propose"), 404,
                "location");
    }

    @Test
    void anUnknownStatusOrTaskIsNamed() {
        assertProblem(given().queryParam("status", "DONE").get(Counting.TASKS), 400, "status");
        String nothing = "CC-" + Api.unique("X");
        assertProblem(given().get(Counting.TASKS + "/" + nothing), 404, "id");
        assertProblem(Counting.start("operator", nothing), 404, "id");
        assertProblem(count("operator", nothing, 1), 404, "id");
        assertProblem(approve(nothing), 404, "id");
        assertProblem(Counting.reject(nothing, "no"), 404, "id");
    }

    @Test
    void aBadCountIsABadRequestNamingCounted() {
        Counting.start("operator", task).then().statusCode(200);
        assertProblem(countBody(task, "{}"), 400, "counted");
        assertProblem(countBody(task, "{\"counted\": -1}"), 400, "counted");
        assertProblem(countBody(task, "{\"counted\": 1000000001}"), 400, "counted");
        Response words = countBody(task, "{\"counted\": \"ten\"}");
        assertProblem(words, 400);
        words.then().body("field", equalTo("counted"));
        assertProblem(given().contentType(ContentType.JSON).post(Counting.TASKS + "/" + task + "/count"), 400);
        assertThat(Counting.task("admin", task).getString("status")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void stepsOutOfOrderAreConflictsNamingTheStatus() {
        // counted before it was started; approved or rejected before it was counted
        assertProblem(count("operator", task, 10), 409, "status");
        assertProblem(approve(task), 409, "status");
        assertProblem(Counting.reject(task, "no"), 409, "status");
        assertThat(Counting.task("admin", task).getString("status")).isEqualTo("OPEN");
        assertThat(Api.at(sku, location)).isEqualTo(Api.Level.of(10, 10, 0, 0, 0, 0, 1));
    }

    @Test
    void aNoteTooLongIsABadRequestNamingNote() {
        assertThat(counted(task, 10)).isEqualTo("AWAITING_APPROVAL");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("note", "x".repeat(501)))
                .post(Counting.TASKS + "/" + task + "/reject"), 400, "note");
        assertThat(Counting.task("admin", task).getString("status")).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void aCorrectionThatWouldTakeAvailableBelowZeroIsAConflictNamingCountedAndPostsNothing() {
        // counted 0 twice, then all 10 are reserved for an order: taking 10 off would leave available at -10
        assertThat(counted(task, 0)).isEqualTo("RECOUNT_REQUESTED");
        assertThat(counted(task, 0)).isEqualTo("AWAITING_APPROVAL");
        Api.reserve(Api.key(), Api.unique("order"), List.of(Api.line(1, sku, location, 10))).then().statusCode(201);
        assertProblem(approve(task), 409, "counted");
        assertThat(Counting.task("admin", task).getString("status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(Api.at(sku, location)).isEqualTo(Api.Level.of(10, 0, 10, 0, 0, 0, 2));
    }

    @Test
    void badAccuracyParametersAreBadRequestsNamingThem() {
        assertProblem(given().queryParam("from", "2026-13-01").get(ACCURACY), 400, "from");
        assertProblem(given().queryParam("to", "yesterday").get(ACCURACY), 400, "to");
        assertProblem(given().queryParam("by", "sku").get(ACCURACY), 400, "by");
        assertProblem(given().queryParam("from", "2026-11-02").queryParam("to", "2026-11-01").get(ACCURACY), 400, "from");
        assertProblem(given().queryParam("location", Api.unique("NOWHERE")).get(ACCURACY), 404, "location");
    }
}
