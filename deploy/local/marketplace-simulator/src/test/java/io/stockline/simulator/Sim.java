package io.stockline.simulator;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Calls the tests share: the control API and the marketplaces' token endpoints. */
final class Sim {

    private Sim() {
    }

    static void reset() {
        // every marketplace answer from here on is checked against our contracts
        ContractFilter.install();
        given().post("/_sim/reset").then().statusCode(204);
    }

    static Response listings(String marketplace, String listingId) {
        return given().queryParam("marketplace", marketplace).queryParam("listingId", listingId).get("/_sim/listings");
    }

    static long quantity(String marketplace, String listingId) {
        return listings(marketplace, listingId).then().statusCode(200).extract().jsonPath().getLong("listings[0].quantity");
    }

    static void seed(String marketplace, String scope, String listingId, long quantity) {
        given().contentType(ContentType.JSON)
                .body(Map.of("marketplace", marketplace, "scope", scope, "listingId", listingId, "quantity", quantity))
                .put("/_sim/listings").then().statusCode(200);
    }

    static Response stats() {
        return given().get("/_sim/stats");
    }

    static void faults(Map<String, Object> plan) {
        given().contentType(ContentType.JSON).body(plan).post("/_sim/faults").then().statusCode(200);
    }

    static String amazonToken() {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", "Atzr|refresh").formParam("client_id", "amzn1.application-oa2-client.sim")
                .formParam("client_secret", "secret").post("/amazon/auth/o2/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static String ebayToken() {
        return given().contentType(ContentType.URLENC).header("Authorization", basic("client-id", "client-secret"))
                .formParam("grant_type", "refresh_token").formParam("refresh_token", "v^1.1#refresh")
                .post("/ebay/identity/v1/oauth2/token").then().statusCode(200).extract().path("access_token");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
