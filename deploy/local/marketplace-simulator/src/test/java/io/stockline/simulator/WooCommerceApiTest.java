package io.stockline.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class WooCommerceApiTest {

    private static final String PRODUCTS = "/woocommerce/wp-json/wc/v3/products";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    private static RequestSpecification authed() {
        return given().auth().preemptive().basic("ck_simulated", "cs_simulated");
    }

    @Test
    void aBatchUpdateSetsStockAndTheListReadsItBack() {
        authed().contentType("application/json")
                .body("{\"update\":[{\"id\":101,\"stock_quantity\":7,\"manage_stock\":true},{\"id\":102,\"stock_quantity\":0}]}")
                .post(PRODUCTS + "/batch")
                .then().statusCode(200).body("update.id", contains(101, 102)).body("update.stock_quantity", contains(7, 0))
                .body("update[1].stock_status", equalTo("outofstock"));
        assertThat(Sim.quantity("woocommerce", "101")).isEqualTo(7);

        authed().queryParam("include", "101,102,999").queryParam("per_page", 100).get(PRODUCTS)
                .then().statusCode(200).body("id", contains(101, 102)).body("stock_quantity", contains(7, 0))
                .header("X-WP-Total", equalTo("2"));
        authed().get(PRODUCTS + "/101").then().statusCode(200).body("stock_quantity", equalTo(7));
    }

    @Test
    void stockIsIgnoredWhileStockManagementIsOff() {
        authed().contentType("application/json").body("{\"update\":[{\"id\":7,\"stock_quantity\":5,\"manage_stock\":false}]}")
                .post(PRODUCTS + "/batch").then().statusCode(200).body("update[0].stock_quantity", nullValue())
                .body("update[0].manage_stock", equalTo(false));
    }

    @Test
    void anInvalidIdIsAnItemErrorAndTheOthersStillApply() {
        authed().contentType("application/json").body("{\"update\":[{\"id\":\"abc\",\"stock_quantity\":5},{\"id\":8,\"stock_quantity\":5}]}")
                .post(PRODUCTS + "/batch").then().statusCode(200)
                .body("update[0].error.code", equalTo("woocommerce_rest_product_invalid_id"))
                .body("update[1].stock_quantity", equalTo(5));
    }

    @Test
    void moreThan100ItemsAreRefusedWhole() {
        String body = IntStream.rangeClosed(1, 101).mapToObj(i -> "{\"id\":" + i + ",\"stock_quantity\":1}")
                .collect(Collectors.joining(",", "{\"update\":[", "]}"));
        authed().contentType("application/json").body(body).post(PRODUCTS + "/batch")
                .then().statusCode(413).body("code", equalTo("woocommerce_rest_request_entity_too_large")).body("data.status", equalTo(413));
        Sim.listings("woocommerce", "1").then().body("listings.size()", equalTo(0));
    }

    @Test
    void perPageAbove100IsAnInvalidParameter() {
        authed().queryParam("per_page", 101).get(PRODUCTS)
                .then().statusCode(400).body("code", equalTo("rest_invalid_param")).body("data.params.per_page", notNullValue());
    }

    @Test
    void withoutCredentialsTheCallIsUnauthorized() {
        given().contentType("application/json").body("{\"update\":[{\"id\":1,\"stock_quantity\":1}]}").post(PRODUCTS + "/batch")
                .then().statusCode(401).body("code", equalTo("woocommerce_rest_cannot_view")).body("data.status", equalTo(401));
        Sim.listings("woocommerce", "1").then().body("listings.size()", equalTo(0));
        given().queryParam("consumer_key", "ck_q").queryParam("consumer_secret", "cs_q").queryParam("include", "1").get(PRODUCTS)
                .then().statusCode(200);
        Sim.stats().then().body("authFailures.woocommerce", equalTo(1));
    }

    @Test
    void productsAreListedByExactSku() {
        for (Object[] product : new Object[][] { { "41", "MUG" }, { "42", "MUG-XL" }, { "51", "TWIN" }, { "52", "TWIN" } }) {
            given().contentType("application/json").body(java.util.Map.of("sku", product[1], "quantity", 1))
                    .put("/_sim/listings/woocommerce/" + product[0]).then().statusCode(200);
        }

        authed().queryParam("sku", "MUG,TWIN,GONE").queryParam("per_page", 100).get(PRODUCTS)
                .then().statusCode(200).body("id", org.hamcrest.Matchers.containsInAnyOrder(41, 51, 52))
                .body("sku", org.hamcrest.Matchers.containsInAnyOrder("MUG", "TWIN", "TWIN"));
    }

    @Test
    void aVariationsStockIsSetThroughItsParentAndFoundBySku() {
        given().contentType("application/json").body(java.util.Map.of("sku", "SHIRT-RED-M", "quantity", 1))
                .put("/_sim/listings/woocommerce/60/61").then().statusCode(200);
        given().contentType("application/json").body(java.util.Map.of("autoCreate", false)).put("/_sim/settings").then().statusCode(200);

        authed().contentType("application/json")
                .body("{\"update\":[{\"id\":61,\"stock_quantity\":5,\"manage_stock\":true},{\"id\":62,\"stock_quantity\":2}]}")
                .post(PRODUCTS + "/60/variations/batch")
                .then().statusCode(200).body("update[0].id", equalTo(61)).body("update[0].stock_quantity", equalTo(5))
                .body("update[1].error.code", equalTo("woocommerce_rest_product_variation_invalid_id"));
        assertThat(Sim.quantity("woocommerce", "60/61")).isEqualTo(5);

        authed().queryParam("include", "61,62").queryParam("per_page", 100).get(PRODUCTS + "/60/variations")
                .then().statusCode(200).body("id", contains(61)).body("stock_quantity", contains(5));
        authed().queryParam("sku", "SHIRT-RED-M").queryParam("per_page", 100).get(PRODUCTS)
                .then().statusCode(200).body("id", contains(61)).body("parent_id", contains(60)).body("type", contains("variation"));
        authed().queryParam("per_page", 100).get(PRODUCTS).then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(61)));
    }

    @Test
    void aBurstOverTheHostsRateIsRefusedAs429AndCountedAsAViolation() {
        int refused = 0;
        for (int call = 0; call < 20; call++) { // 20 calls take well under the 3 s a 5/s bucket with burst 5 needs
            int status = authed().queryParam("per_page", 10).get(PRODUCTS).then().extract().statusCode();
            if (status == 429) {
                refused++;
            } else {
                assertThat(status).isEqualTo(200);
            }
        }
        assertThat(refused).isPositive();
        given().get("/_sim/stats").then().body("rateLimitViolations.woocommerce", equalTo(refused))
                .body("throttled.woocommerce", equalTo(refused));
    }
}
