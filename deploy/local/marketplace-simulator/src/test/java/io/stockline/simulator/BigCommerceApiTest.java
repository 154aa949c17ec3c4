package io.stockline.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The simulator's BigCommerce REST Management API v3 (quota 5 per 2 s window in %test). */
@QuarkusTest
class BigCommerceApiTest {

    private static final String STORE = "/bigcommerce/stores/sim123/v3";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    private static RequestSpecification authed() {
        return given().header("X-Auth-Token", "bc_simulated");
    }

    private static void seed(String location, String variant, String sku, long quantity) {
        given().contentType(ContentType.JSON)
                .body(Map.of("marketplace", "bigcommerce", "scope", location, "listingId", variant, "sku", sku, "quantity", quantity))
                .put("/_sim/listings").then().statusCode(200);
    }

    private static Response absolute(String body) {
        return authed().contentType("application/json").body(body).put(STORE + "/inventory/adjustments/absolute");
    }

    @Test
    void anAbsoluteAdjustmentSetsOnHandAtTheLocationAndInventoryItemsReadItBack() {
        absolute("{\"reason\":\"sync\",\"items\":[{\"location_id\":1,\"variant_id\":501,\"quantity\":7},{\"location_id\":2,\"variant_id\":501,\"quantity\":3}]}")
                .then().statusCode(200).body("transaction_id", notNullValue())
                .header("X-Rate-Limit-Requests-Left", equalTo("4")).header("X-Rate-Limit-Requests-Quota", equalTo("5"))
                .header("X-Rate-Limit-Time-Window-Ms", equalTo("2000")).header("X-Rate-Limit-Time-Reset-Ms", notNullValue());

        authed().queryParam("variant_id:in", "501,999").queryParam("location_id:in", "1").get(STORE + "/inventory/items")
                .then().statusCode(200).body("data.identity.variant_id", contains(501))
                .body("data[0].locations.location_id", contains(1)).body("data[0].locations[0].total_inventory_onhand", equalTo(7));
        Sim.listings("bigcommerce", "501").then().body("listings.quantity", containsInAnyOrder(7, 3));
    }

    @Test
    void anUnknownVariantRefusesTheWholeAdjustmentNamingTheItem() {
        given().contentType(ContentType.JSON).body(Map.of("autoCreate", false)).put("/_sim/settings").then().statusCode(200);
        seed("1", "501", "RED-S", 2);

        absolute("{\"items\":[{\"location_id\":1,\"variant_id\":501,\"quantity\":9},{\"location_id\":1,\"variant_id\":777,\"quantity\":1}]}")
                .then().statusCode(422).body("status", equalTo(422)).body("errors.'items.1.variant_id'", notNullValue());

        assertThat(Sim.quantity("bigcommerce", "501")).as("all or nothing").isEqualTo(2);
    }

    @Test
    void variantsAreFoundBySkuAndAnItemMayNameItsSku() {
        seed("1", "501", "RED-S", 2);
        seed("1", "601", "TWIN", 1);
        seed("1", "602", "TWIN", 1);

        authed().queryParam("sku:in", "RED-S,TWIN,GONE").get(STORE + "/catalog/variants")
                .then().statusCode(200).body("data.id", containsInAnyOrder(501, 601, 602)).body("data.sku", containsInAnyOrder("RED-S", "TWIN", "TWIN"));
        authed().queryParam("sku", "RED-S").get(STORE + "/catalog/variants").then().statusCode(200).body("data.id", contains(501));

        absolute("{\"items\":[{\"location_id\":1,\"sku\":\"RED-S\",\"quantity\":6}]}").then().statusCode(200);
        assertThat(Sim.quantity("bigcommerce", "501")).isEqualTo(6);
    }

    @Test
    void overTheQuotaIsA429WithTheResetTimeAndTheWindowOpensAgain() {
        for (int call = 0; call < 5; call++) {
            authed().get(STORE + "/catalog/variants").then().statusCode(200);
        }
        Response refused = authed().get(STORE + "/catalog/variants");
        refused.then().statusCode(429).header("X-Rate-Limit-Requests-Left", equalTo("0"));
        long resetMillis = Long.parseLong(refused.header("X-Rate-Limit-Time-Reset-Ms"));
        assertThat(resetMillis).isBetween(0L, 2000L);
        Sim.stats().then().body("throttled.bigcommerce", equalTo(1));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> authed().get(STORE + "/catalog/variants").then().statusCode(200));
    }

    @Test
    void withoutATokenTheCallIsUnauthorized() {
        given().get(STORE + "/catalog/variants").then().statusCode(401).body("status", equalTo(401));
        Sim.stats().then().body("authFailures.bigcommerce", equalTo(1));
    }
}
