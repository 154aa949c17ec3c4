package io.stockline.inventory;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.stockline.testsupport.Tokens;

/** Cycle counts as the tests call them: as an admin unless a role is named. */
final class Counting {

    static final String TASKS = "/api/v1/counting/tasks";

    private Counting() {
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", Tokens.bearer(role));
    }

    /** A new standard item with a unit cost (null for none). */
    static String item(String unitCost) {
        String sku = Api.unique("CNT");
        Map<String, Object> body = unitCost == null ? Map.of("sku", sku, "name", "Counted " + sku)
                : Map.of("sku", sku, "name", "Counted " + sku, "unitCost", unitCost);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/items").then().statusCode(201);
        return sku;
    }

    static Response pin(String sku, String abcClass) {
        return given().contentType(ContentType.JSON).body(Map.of("abcClass", abcClass))
                .put("/api/v1/counting/abc/" + sku);
    }

    static JsonPath propose(String location) {
        return given().queryParam("location", location).post(TASKS + "/propose").then().statusCode(201)
                .extract().jsonPath();
    }

    /** The unfinished task of the SKU at the location (proposed earlier). */
    static String taskOf(String sku, String location) {
        List<Map<String, Object>> tasks = given().queryParam("location", location).get(TASKS).then().statusCode(200)
                .extract().jsonPath().getList("$");
        return tasks.stream().filter(t -> sku.equals(t.get("sku")))
                .filter(t -> !"APPROVED".equals(t.get("status")) && !"REJECTED".equals(t.get("status")))
                .map(t -> (String) t.get("id")).findFirst()
                .orElseThrow(() -> new AssertionError("no unfinished task for " + sku + " at " + location + ": " + tasks));
    }

    static Response start(String role, String task) {
        return as(role).post(TASKS + "/" + task + "/start");
    }

    static Response count(String role, String task, long counted) {
        return as(role).contentType(ContentType.JSON).body(Map.of("counted", counted))
                .post(TASKS + "/" + task + "/count");
    }

    static Response approve(String task) {
        return as("admin").post(TASKS + "/" + task + "/approve");
    }

    static Response reject(String task, String note) {
        return as("admin").contentType(ContentType.JSON).body(Map.of("note", note))
                .post(TASKS + "/" + task + "/reject");
    }

    static JsonPath task(String role, String task) {
        return as(role).get(TASKS + "/" + task).then().statusCode(200).extract().jsonPath();
    }

    /** Starts and counts the task as an operator; returns the status it ends in. */
    static String counted(String task, long counted) {
        start("operator", task).then().statusCode(200);
        return count("operator", task, counted).then().statusCode(200).extract().path("status");
    }

    static long onHand(String sku, String location) {
        Api.Level level = Api.at(sku, location);
        return level == null ? 0 : level.onHand();
    }
}
