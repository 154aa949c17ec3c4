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

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.inventory.Api.Level;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/** Bad input gets a 4xx problem naming the field at fault, never a 500, and changes nothing. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class BadInputTest {

    @org.junit.jupiter.api.AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    @TestHTTPResource("/")
    URL root;

    private String sku;
    private String loc;

    @BeforeEach
    void fiveInStock() {
        sku = item();
        loc = location();
        moved("RECEIPT", sku, loc, 5);
    }

    private void assertUnchanged() {
        assertThat(at(sku, loc)).isEqualTo(Level.of(5, 5, 0, 0, 0, 0, 1));
    }

    private static Response postMovement(String json) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key()).body(json)
                .post("/api/v1/movements");
    }

    /**
     * A body over the HTTP limit ({@code quarkus.http.limits.max-body-size}, 10 MiB) is refused before it is read, with
     * a problem saying so (Quarkus's own refusal has an empty body; the fuzz tests found it), and changes nothing.
     */
    @Test
    void aBodyOverTheSizeLimitIsRefusedWithAProblem() throws Exception {
        String padding = "x".repeat(11 * 1024 * 1024);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(root + "api/v1/movements"))
                        .header("Authorization", Tokens.bearer("admin")).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key())
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"type": "RECEIPT", "sku": "%s", "location": "%s", "quantity": 1, "note": "%s"}"""
                                .formatted(sku, loc, padding))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":413").contains("at most 10485760");
        assertUnchanged();
    }

    @Test
    void anUnknownSkuIsNotFoundNamingSku() {
        assertProblem(move("SALE", Api.unique("NOSUCH"), loc, 1), 404, "sku");
        assertProblem(move("RECEIPT", Api.unique("NOSUCH"), loc, 1), 404, "sku");
        assertUnchanged();
    }

    @Test
    void anUnknownLocationIsNotFoundNamingLocation() {
        String nowhere = Api.unique("NOWHERE");
        assertProblem(move("RECEIPT", sku, nowhere, 1), 404, "location");
        assertUnchanged();
        assertThat(at(sku, nowhere)).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = { 0, -1, -5 })
    void aQuantityThatIsNotPositiveIsABadRequestNamingQuantity(long quantity) {
        assertProblem(move("RECEIPT", sku, loc, quantity), 400, "quantity");
        assertProblem(move("SALE", sku, loc, quantity), 400, "quantity");
        assertUnchanged();
    }

    @Test
    void anUnknownMovementTypeIsABadRequestNamingType() {
        Response response = postMovement("""
                {"type": "TELEPORT", "sku": "%s", "location": "%s", "quantity": 1}""".formatted(sku, loc));
        assertProblem(response, 400);
        response.then().body("field", equalTo("type"));
        assertUnchanged();
    }

    @Test
    void aQuantityThatIsNotANumberIsABadRequestNamingQuantity() {
        Response response = postMovement("""
                {"type": "SALE", "sku": "%s", "location": "%s", "quantity": "three"}""".formatted(sku, loc));
        assertProblem(response, 400);
        response.then().body("field", equalTo("quantity"));
        assertUnchanged();
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(postMovement("{\"type\": \"SALE\", \"sku\": "), 400);
        assertProblem(postMovement("not json at all"), 400);
        assertUnchanged();
    }

    @Test
    void aMissingBodyOrMissingFieldsAreBadRequests() {
        assertProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", key())
                .post("/api/v1/movements"), 400);
        assertProblem(postMovement("""
                {"type": "SALE", "location": "%s", "quantity": 1}""".formatted(loc)), 400, "sku");
        assertProblem(postMovement("""
                {"type": "SALE", "sku": "%s", "quantity": 1}""".formatted(sku)), 400, "location");
        assertProblem(postMovement("""
                {"type": "SALE", "sku": "%s", "location": "%s"}""".formatted(sku, loc)), 400, "quantity");
        assertProblem(postMovement("""
                {"sku": "%s", "location": "%s", "quantity": 1}""".formatted(sku, loc)), 400, "type");
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = { "RESERVE", "RELEASE", "COMMIT" })
    void reservationTypesPostedAsMovementsAreUnprocessableNamingType(String type) {
        assertProblem(move(type, sku, loc, 1), 422, "type");
        assertUnchanged();
    }

    @Test
    void aDuplicateItemSkuIsAConflictNamingSku() {
        Response duplicate = given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Another"))
                .post("/api/v1/items");
        assertProblem(duplicate, 409, "sku");
        given().get("/api/v1/items/" + sku).then().statusCode(200).body("name", equalTo("Item " + sku));
    }

    @Test
    void aDuplicateLocationCodeIsAConflictNamingCode() {
        Response duplicate = given().contentType(ContentType.JSON)
                .body(Map.of("code", loc, "name", "Elsewhere", "type", "STORE", "priority", 9))
                .post("/api/v1/locations");
        assertProblem(duplicate, 409, "code");
        List<Map<String, Object>> locations = given().get("/api/v1/locations").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.code == '" + loc + "' }");
        assertThat(locations).singleElement().satisfies(l -> {
            assertThat(l.get("type")).isEqualTo("WAREHOUSE");
            assertThat(l.get("priority")).isEqualTo(0);
        });
    }

    @Test
    void badItemAndLocationRequestsNameTheirField() {
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("sku", "", "name", "Blank"))
                .post("/api/v1/items"), 400, "sku");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("sku", Api.unique("SKU"), "name", "Bundle",
                "kind", "BUNDLE")).post("/api/v1/items"), 422, "components");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("code", Api.unique("LOC"), "name", "No type"))
                .post("/api/v1/locations"), 400, "type");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("code", Api.unique("LOC"), "name", "Pole",
                "type", "STORE", "latitude", 91)).post("/api/v1/locations"), 400, "latitude");
    }

    @Test
    void unknownThingsAreNotFoundWhenRead() {
        assertProblem(given().get("/api/v1/stock/" + Api.unique("NOSUCH")), 404, "sku");
        assertProblem(given().get("/api/v1/items/" + Api.unique("NOSUCH")), 404, "sku");
    }

    @Test
    void badReservationsNameTheLineAtFaultAndHoldNothing() {
        String nowhere = Api.unique("NOWHERE");
        assertProblem(Api.reserve(key(), "order-" + sku, List.of(Api.line(1, Api.unique("NOSUCH"), loc, 1))),
                404, "lines[0].sku");
        assertProblem(Api.reserve(key(), "order-" + sku,
                List.of(Api.line(1, sku, loc, 1), Api.line(2, sku, nowhere, 1))), 404, "lines[1].location");
        assertProblem(Api.reserve(key(), "order-" + sku, List.of(Api.line(1, sku, loc, 0))), 400,
                "lines[0].quantity");
        assertProblem(Api.reserve(key(), "order-" + sku,
                List.of(Api.line(1, sku, loc, 1), Api.line(1, sku, loc, 1))), 422, "lines[1].line");
        assertProblem(Api.reserve(key(), "order-" + sku, List.of()), 400, "lines");
        assertProblem(given().contentType(ContentType.JSON).header("Idempotency-Key", key())
                .body("{\"orderId\": \"o\", \"lines\": [").post("/api/v1/reservations"), 400);
        assertUnchanged();
        assertThat(at(sku, nowhere)).isNull();
    }

    @Test
    void releasingOrCommittingAnUnknownReservationIsNotFound() {
        String id = UUID.randomUUID().toString();
        assertProblem(Api.release(id), 404, "id");
        assertProblem(Api.commit(id), 404, "id");
        assertProblem(Api.release("not-a-uuid"), 404);
    }
}
