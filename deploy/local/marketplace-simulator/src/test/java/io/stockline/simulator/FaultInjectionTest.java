package io.stockline.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

@QuarkusTest
class FaultInjectionTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    private static int webhook(int quantity) {
        return given().contentType("application/json")
                .body("{\"channel\":\"c\",\"updates\":[{\"sku\":\"F-1\",\"quantity\":" + quantity + "}]}")
                .post("/webhook/faults").statusCode();
    }

    @Test
    void theFailureRateHoldsWithinStatisticalBoundsAndFailedCallsChangeNothing() {
        Sim.faults(Map.of("failureRate", 0.3, "kinds", List.of("500"), "seed", 7));
        int calls = 300;
        int failed = 0;
        for (int i = 0; i < calls; i++) {
            int status = webhook(i);
            assertThat(status).isIn(200, 500);
            if (status == 500) {
                failed++;
            }
        }
        // binomial(300, 0.3): mean 90, standard deviation 7.9; these bounds are more than 4 deviations wide
        assertThat(failed).isBetween(55, 125);
        Sim.stats().then().body("faultsInjected.webhook.500", equalTo(failed)).body("calls.webhook.stockUpdate", equalTo(calls));
        given().queryParam("listingId", "F-1").get("/_sim/listings").then().body("listings[0].writes", equalTo(calls - failed));
    }

    @Test
    void theSameSeedGivesTheSameFailuresCallForCall() {
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Sim.reset();
            Sim.faults(Map.of("failureRate", 0.5, "kinds", List.of("500", "429"), "seed", 42));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(webhook(i));
            }
            runs.add(statuses);
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 500, 429);
    }

    @Test
    void injected429sUseEachMarketplacesSignal() {
        Sim.faults(Map.of("failureRate", 1.0, "kinds", List.of("429")));
        String token = Sim.amazonToken();
        given().header("x-amz-access-token", token).queryParam("marketplaceIds", "M").get("/amazon/listings/2021-08-01/items/S/X")
                .then().statusCode(429).body("errors[0].code", equalTo("QuotaExceeded")).header("x-amzn-RateLimit-Limit", equalTo("5.0"));
        given().auth().preemptive().basic("ck", "cs").get("/woocommerce/wp-json/wc/v3/products")
                .then().statusCode(429).header("Retry-After", equalTo("1"));
        given().header("X-Shopify-Access-Token", "t").contentType("application/json").body("{\"query\":\"query { nodes(ids: []) { id } }\"}")
                .post("/shopify/admin/api/2026-04/graphql.json").then().statusCode(429).body("errors[0].extensions.code", equalTo("THROTTLED"));
        given().header("Authorization", "Bearer x").get("/ebay/sell/inventory/v1/inventory_item/X")
                .then().statusCode(429).body("errors[0].errorId", equalTo(2001));
        // faults are not limits: nothing counts as throttled by a limit
        Sim.stats().then().body("faultsInjected.amazon.429", equalTo(1)).body("throttled.size()", equalTo(0));
    }

    @Test
    void faultsApplyOnlyToTheNamedMarketplaces() {
        Sim.faults(Map.of("failureRate", 1.0, "kinds", List.of("500"), "marketplaces", List.of("ebay")));
        assertThat(webhook(1)).isEqualTo(200);
        given().header("Authorization", "Bearer x").get("/ebay/sell/inventory/v1/inventory_item/X").then().statusCode(500)
                .body("errors[0].errorId", equalTo(25001));
        given().delete("/_sim/faults").then().statusCode(204);
        given().header("Authorization", "Bearer x").get("/ebay/sell/inventory/v1/inventory_item/X").then().statusCode(401);
    }

    @Test
    void aDelayMakesEveryAnswerLate() {
        Sim.faults(Map.of("failureRate", 0, "delayMillis", 400));
        long started = System.nanoTime();
        assertThat(webhook(1)).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aTimeoutHoldsTheCallLongerThanTheClientWaitsAndChangesNothing() {
        Sim.faults(Map.of("failureRate", 1.0, "kinds", List.of("TIMEOUT"), "timeoutMillis", 5000));
        RestAssuredConfig impatient = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 500).setParam("http.connection.timeout", 500));
        assertThatThrownBy(() -> given().config(impatient).contentType("application/json")
                .body("{\"channel\":\"c\",\"updates\":[{\"sku\":\"T-1\",\"quantity\":1}]}").post("/webhook/slow"))
                .isInstanceOf(SocketTimeoutException.class);
        Sim.stats().then().body("faultsInjected.webhook.TIMEOUT", equalTo(1));
        given().queryParam("listingId", "T-1").get("/_sim/listings").then().body("listings.size()", equalTo(0));
    }

    @Test
    void aTimeoutAfterApplyingLosesOnlyTheAnswerAndAnIdempotentRetryReplaysIt() {
        Sim.faults(Map.of("failureRate", 1.0, "kinds", List.of("TIMEOUT"), "timeoutMillis", 100, "applyBeforeTimeout", true,
                "marketplaces", List.of("shopify")));
        List<Map<String, Object>> lines = List.of(ShopifyApiTest.quantity(1, 6, null));
        ShopifyApiTest.set("lost-answer", lines).then().statusCode(504);
        given().delete("/_sim/faults").then().statusCode(204);
        ShopifyApiTest.set("lost-answer", lines).then().statusCode(200)
                .body("data.inventorySetQuantities.userErrors.size()", equalTo(0))
                .body("data.inventorySetQuantities.inventoryAdjustmentGroup.changes[0].delta", equalTo(6));
        given().queryParam("listingId", ShopifyApiTest.item(1)).get("/_sim/listings")
                .then().body("listings[0].quantity", equalTo(6)).body("listings[0].writes", equalTo(1));
    }

    @Test
    void aShortTimeoutEndsIn504() {
        Sim.faults(Map.of("failureRate", 1.0, "kinds", List.of("TIMEOUT"), "timeoutMillis", 100));
        assertThat(webhook(1)).isEqualTo(504);
    }
}
