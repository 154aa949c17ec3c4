package io.stockline.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ControlApiTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void seededListingsAreShownAndFilteredByMarketplaceScopeAndId() {
        Sim.seed("amazon", "SELLER-1", "A-1", 3);
        Sim.seed("ebay", "", "E-1", 4);
        given().contentType("application/json").body(Map.of("scope", "gid://shopify/Location/7", "quantity", 5, "sku", "SKU-S"))
                .put("/_sim/listings/shopify/gid://shopify/InventoryItem/70")
                .then().statusCode(200).body("listingId", equalTo("gid://shopify/InventoryItem/70")).body("sku", equalTo("SKU-S"));

        given().get("/_sim/listings").then().statusCode(200).body("listings.marketplace", contains("shopify", "amazon", "ebay"));
        given().queryParam("marketplace", "amazon").get("/_sim/listings").then()
                .body("listings.size()", equalTo(1)).body("listings[0].scope", equalTo("SELLER-1"))
                .body("listings[0].quantity", equalTo(3)).body("listings[0].updatedAt", notNullValue()).body("listings[0].writes", equalTo(1));
        given().queryParam("listingId", "E-1").get("/_sim/listings").then().body("listings[0].marketplace", equalTo("ebay"));
        given().queryParam("scope", "gid://shopify/Location/7").get("/_sim/listings").then().body("listings[0].quantity", equalTo(5));
    }

    @Test
    void seedingOverwritesAListingToMakeDrift() {
        Sim.seed("ebay", "", "E-2", 4);
        Sim.seed("ebay", "", "E-2", 1);
        given().queryParam("listingId", "E-2").get("/_sim/listings").then().body("listings[0].quantity", equalTo(1))
                .body("listings[0].writes", equalTo(2));
    }

    @Test
    void badControlInputIsAProblemNamingTheField() {
        given().queryParam("marketplace", "etsy").get("/_sim/listings")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("marketplace"));
        given().contentType("application/json").body(Map.of("marketplace", "shopify", "listingId", "gid://shopify/InventoryItem/1", "quantity", 1))
                .put("/_sim/listings").then().statusCode(400).body("violations[0].field", equalTo("scope"));
        given().contentType("application/json").body(Map.of("marketplace", "ebay", "listingId", "E", "quantity", -1))
                .put("/_sim/listings").then().statusCode(400).body("violations[0].field", containsString("quantity"));
        given().contentType("application/json").body(Map.of("failureRate", 1.5, "kinds", List.of("500")))
                .post("/_sim/faults").then().statusCode(400).body("violations[0].field", containsString("failureRate"));
        given().contentType("application/json").body(Map.of("failureRate", 0.5))
                .post("/_sim/faults").then().statusCode(400).body("violations[0].field", equalTo("kinds"));
        given().contentType("application/json").body(Map.of("failureRate", 0.5, "kinds", List.of("500"), "marketplaces", List.of("etsy")))
                .post("/_sim/faults").then().statusCode(400).body("violations[0].field", equalTo("marketplaces"));
        given().get("/_sim/faults").then().body("failureRate", equalTo(0.0f));
        given().get("/_sim/listings").then().body("listings.size()", equalTo(0));
    }

    @Test
    void statsCountCallsPerMarketplaceAndOperationAndResetClearsEverything() {
        String token = Sim.amazonToken();
        given().header("x-amz-access-token", token).queryParam("marketplaceIds", "ATVPDKIKX0DER")
                .get("/amazon/listings/2021-08-01/items/S/X").then().statusCode(404);
        given().contentType("application/json").body("{\"channel\":\"c\",\"updates\":[]}").post("/webhook/w").then().statusCode(200);
        Sim.stats().then().statusCode(200).body("calls.amazon.token", equalTo(1)).body("calls.amazon.getListingsItem", equalTo(1))
                .body("calls.webhook.stockUpdate", equalTo(1)).body("since", notNullValue());
        Sim.seed("ebay", "", "E", 1);
        Sim.faults(Map.of("failureRate", 1.0, "kinds", List.of("500")));
        Sim.reset();
        Sim.stats().then().body("calls.size()", equalTo(0));
        given().get("/_sim/listings").then().body("listings.size()", equalTo(0));
        given().get("/_sim/faults").then().body("failureRate", equalTo(0.0f));
        given().header("x-amz-access-token", token).queryParam("marketplaceIds", "ATVPDKIKX0DER")
                .get("/amazon/listings/2021-08-01/items/S/X").then().statusCode(403);
    }

    @Test
    void settingsShowWhatIsInForce() {
        given().get("/_sim/settings").then().body("autoCreate", equalTo(true)).body("enforceRateLimits", equalTo(true))
                .body("webhookSecretSet", equalTo(false));
        given().contentType("application/json").body(Map.of("autoCreate", false, "webhookSecret", "x")).put("/_sim/settings")
                .then().statusCode(200).body("autoCreate", equalTo(false)).body("webhookSecretSet", equalTo(true));
    }

    @Test
    void theHealthEndpointAnswers() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
