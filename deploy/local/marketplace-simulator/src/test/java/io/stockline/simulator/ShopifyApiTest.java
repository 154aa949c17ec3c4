package io.stockline.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ShopifyApiTest {

    static final String LOCATION = "gid://shopify/Location/1";
    static final String MUTATION = """
            mutation SetAvailable($input: InventorySetQuantitiesInput!, $key: String!) {
              inventorySetQuantities(input: $input) @idempotent(key: $key) {
                inventoryAdjustmentGroup { createdAt reason changes { name delta quantityAfterChange } }
                userErrors { code field message }
              }
            }""";
    static final String READ = """
            query Levels($ids: [ID!]!, $locationId: ID!) {
              nodes(ids: $ids) { ... on InventoryItem { id inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } } } }
            }""";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    static String item(int n) {
        return "gid://shopify/InventoryItem/" + n;
    }

    static Map<String, Object> quantity(int item, long quantity, Long changeFrom) {
        Map<String, Object> line = new HashMap<>();
        line.put("inventoryItemId", item(item));
        line.put("locationId", LOCATION);
        line.put("quantity", quantity);
        line.put("changeFromQuantity", changeFrom);
        return line;
    }

    static Response graphql(String version, String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        var request = given().contentType("application/json").body(body);
        if (token != null) {
            request = request.header("X-Shopify-Access-Token", token);
        }
        return request.post("/shopify/admin/api/{version}/graphql.json", version);
    }

    static Response set(String key, List<Map<String, Object>> quantities) {
        return graphql("2026-04", "shpat_test", MUTATION,
                Map.of("key", key, "input", Map.of("name", "available", "reason", "correction", "quantities", quantities)));
    }

    @Test
    void setQuantitiesStoresEachLevelAndAReadBringsItBackWithTheCost() {
        set("k-1", List.of(quantity(1, 12, null), quantity(2, 0, null)))
                .then().statusCode(200)
                .body("data.inventorySetQuantities.userErrors.size()", equalTo(0))
                .body("data.inventorySetQuantities.inventoryAdjustmentGroup.reason", equalTo("correction"))
                .body("data.inventorySetQuantities.inventoryAdjustmentGroup.changes[0].delta", equalTo(12))
                .body("extensions.cost.requestedQueryCost", equalTo(10))
                .body("extensions.cost.actualQueryCost", equalTo(10))
                .body("extensions.cost.throttleStatus.maximumAvailable", equalTo(2000.0f))
                .body("extensions.cost.throttleStatus.currentlyAvailable", equalTo(1990.0f))
                .body("extensions.cost.throttleStatus.restoreRate", equalTo(100.0f));
        given().queryParam("marketplace", "shopify").queryParam("listingId", item(1)).queryParam("scope", LOCATION).get("/_sim/listings")
                .then().body("listings[0].quantity", equalTo(12)).body("listings[0].updatedAt", notNullValue());

        graphql("2026-04", "shpat_test", READ, Map.of("ids", List.of(item(1), item(2), item(3)), "locationId", LOCATION))
                .then().statusCode(200)
                .body("data.nodes[0].id", equalTo(item(1)))
                .body("data.nodes[0].inventoryLevel.quantities[0].name", equalTo("available"))
                .body("data.nodes[0].inventoryLevel.quantities[0].quantity", equalTo(12))
                .body("data.nodes[1].inventoryLevel.quantities[0].quantity", equalTo(0))
                .body("data.nodes[2]", nullValue())
                .body("extensions.cost.requestedQueryCost", equalTo(7));
        graphql("2025-10", "shpat_test", "query { inventoryItem(id: \"" + item(1) + "\") { inventoryLevel(locationId: \"" + LOCATION
                + "\") { quantities(names: [\"available\"]) { quantity } } } }", Map.of())
                .then().body("data.inventoryItem.inventoryLevel.quantities[0].quantity", equalTo(12));
    }

    @Test
    void withoutAnAccessTokenTheCallIsUnauthorized() {
        graphql("2026-04", null, MUTATION, Map.of("key", "k", "input", Map.of("name", "available", "reason", "correction",
                "quantities", List.of(quantity(1, 1, null)))))
                .then().statusCode(401).body("errors", notNullValue());
        Sim.listings("shopify", item(1)).then().body("listings.size()", equalTo(0));
    }

    @Test
    void aStaleChangeFromQuantityRefusesTheWholeMutation() {
        Sim.seed("shopify", LOCATION, item(1), 5);
        set("k-2", List.of(quantity(2, 3, null), quantity(1, 9, 4L)))
                .then().statusCode(200)
                .body("data.inventorySetQuantities.inventoryAdjustmentGroup", nullValue())
                .body("data.inventorySetQuantities.userErrors[0].code", equalTo("CHANGE_FROM_QUANTITY_STALE"))
                .body("data.inventorySetQuantities.userErrors[0].field", equalTo(List.of("input", "quantities", "1", "changeFromQuantity")));
        assertThat(Sim.quantity("shopify", item(1))).isEqualTo(5);
        Sim.listings("shopify", item(2)).then().body("listings.size()", equalTo(0));

        set("k-3", List.of(quantity(1, 9, 5L))).then().body("data.inventorySetQuantities.userErrors.size()", equalTo(0));
        assertThat(Sim.quantity("shopify", item(1))).isEqualTo(9);
    }

    @Test
    void from2026_04ChangeFromQuantityAndTheIdempotencyKeyAreRequired() {
        Map<String, Object> withoutChangeFrom = new HashMap<>(quantity(1, 3, null));
        withoutChangeFrom.remove("changeFromQuantity");
        set("k-4", List.of(withoutChangeFrom))
                .then().body("data.inventorySetQuantities.userErrors[0].code", equalTo("CHANGE_FROM_QUANTITY_REQUIRED"));
        graphql("2026-04", "shpat_test", MUTATION.replace(" @idempotent(key: $key)", ""),
                Map.of("input", Map.of("name", "available", "reason", "correction", "quantities", List.of(quantity(1, 3, null)))))
                .then().statusCode(200).body("errors[0].message", containsString("@idempotent"));
        Sim.listings("shopify", item(1)).then().body("listings.size()", equalTo(0));
    }

    @Test
    void olderVersionsCompareOnCompareQuantityUnlessTheCheckIsIgnored() {
        Sim.seed("shopify", LOCATION, item(1), 5);
        String older = "mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }";
        Map<String, Object> stale = Map.of("inventoryItemId", item(1), "locationId", LOCATION, "quantity", 8, "compareQuantity", 6);
        graphql("2025-01", "shpat_test", older, Map.of("input", Map.of("name", "available", "reason", "correction", "quantities", List.of(stale))))
                .then().body("data.inventorySetQuantities.userErrors[0].code", equalTo("COMPARE_QUANTITY_STALE"));
        Map<String, Object> bare = Map.of("inventoryItemId", item(1), "locationId", LOCATION, "quantity", 8);
        graphql("2025-01", "shpat_test", older, Map.of("input", Map.of("name", "available", "reason", "correction", "quantities", List.of(bare))))
                .then().body("data.inventorySetQuantities.userErrors[0].code", equalTo("COMPARE_QUANTITY_REQUIRED"));
        graphql("2025-01", "shpat_test", older, Map.of("input", Map.of("name", "available", "reason", "correction",
                "ignoreCompareQuantity", true, "quantities", List.of(bare))))
                .then().body("data.inventorySetQuantities.userErrors.size()", equalTo(0));
        assertThat(Sim.quantity("shopify", item(1))).isEqualTo(8);
    }

    @Test
    void aRepeatedIdempotencyKeyReplaysTheFirstAnswerWithoutApplyingAgain() {
        Response first = set("same-key", List.of(quantity(1, 4, null)));
        first.then().body("data.inventorySetQuantities.userErrors.size()", equalTo(0));
        // someone else changes the level; a replay of the first request must not undo that
        Sim.seed("shopify", LOCATION, item(1), 11);
        Response replay = set("same-key", List.of(quantity(1, 4, null)));
        assertThat(replay.jsonPath().getMap("data.inventorySetQuantities"))
                .isEqualTo(first.jsonPath().getMap("data.inventorySetQuantities"));
        assertThat(Sim.quantity("shopify", item(1))).isEqualTo(11);

        set("same-key", List.of(quantity(1, 5, null)))
                .then().body("data.inventorySetQuantities.userErrors[0].code", equalTo("IDEMPOTENCY_KEY_PARAMETER_MISMATCH"));
        assertThat(Sim.quantity("shopify", item(1))).isEqualTo(11);
    }

    @Test
    void aKeyWhoseAttemptFailedCannotBeUsedAgain() {
        Sim.seed("shopify", LOCATION, item(1), 2);
        set("failing-key", List.of(quantity(1, 4, 3L))).then().body("data.inventorySetQuantities.userErrors[0].code", equalTo("CHANGE_FROM_QUANTITY_STALE"));
        set("failing-key", List.of(quantity(1, 4, 3L))).then()
                .body("data.inventorySetQuantities.userErrors[0].code", equalTo("IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED"));
    }

    @Test
    void moreThan250QuantitiesAreRefusedAsTooLarge() {
        List<Map<String, Object>> lines = IntStream.rangeClosed(1, 251).mapToObj(i -> quantity(i, 1, null)).toList();
        set("k-big", lines).then().statusCode(200).body("errors[0].extensions.code", equalTo("MAX_INPUT_SIZE_EXCEEDED"));
        assertThat(given().get("/_sim/listings?marketplace=shopify").then().extract().jsonPath().getList("listings")).isEmpty();
        List<Map<String, Object>> most = IntStream.rangeClosed(1, 250).mapToObj(i -> quantity(i, 1, null)).toList();
        set("k-250", most).then().body("data.inventorySetQuantities.userErrors.size()", equalTo(0));
    }

    @Test
    void badIdsAreUserErrorsNamingTheField() {
        Map<String, Object> line = new HashMap<>(quantity(1, 1, null));
        line.put("locationId", "warehouse-1");
        set("k-bad", List.of(line)).then()
                .body("data.inventorySetQuantities.userErrors[0].code", equalTo("INVALID_LOCATION"))
                .body("data.inventorySetQuantities.userErrors[0].field[3]", equalTo("locationId"));
    }

    @Test
    void whenTheCostBucketRunsShortTheAnswerIsThrottledWithTheBucketsState() {
        List<String> ids = IntStream.rangeClosed(1, 250).mapToObj(ShopifyApiTest::item).toList();
        Map<String, Object> variables = Map.of("ids", ids, "locationId", LOCATION);
        long started = System.nanoTime();
        int served = 0;
        Response throttled = null;
        for (int i = 0; i < 10 && throttled == null; i++) {
            Response answer = graphql("2026-04", "shpat_bucket", READ, variables);
            answer.then().statusCode(200).body("extensions.cost.requestedQueryCost", equalTo(501));
            if (answer.jsonPath().get("errors") != null) {
                throttled = answer;
            } else {
                served++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(throttled).as("a throttled answer within 10 calls of 501 points").isNotNull();
        throttled.then().body("errors[0].message", equalTo("Throttled"))
                .body("errors[0].extensions.code", equalTo("THROTTLED"))
                .body("extensions.cost.actualQueryCost", nullValue())
                .body("extensions.cost.throttleStatus.maximumAvailable", equalTo(2000.0f))
                .body("data", nullValue());
        assertThat(throttled.jsonPath().getDouble("extensions.cost.throttleStatus.currentlyAvailable")).isLessThan(501);
        // 2000 points plus 100 a second restored, at 501 a call
        assertThat(served).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo((int) ((2000 + 100 * seconds) / 501));
        Sim.stats().then().body("throttled.shopify", equalTo(1)).body("rateLimitViolations.shopify", equalTo(1));
        // another app (token) has a bucket of its own
        graphql("2026-04", "shpat_other", READ, variables).then().body("errors", nullValue());
    }

    @Test
    void concurrentCompareAndSetsFromTheSameQuantityLetExactlyOneWin() throws Exception {
        Sim.seed("shopify", LOCATION, item(1), 10);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int target = 20 + i;
                Callable<Response> write = () -> set("cas-" + target, List.of(quantity(1, target, 10L)));
                answers.add(pool.submit(write));
            }
            int winners = 0;
            Integer winningValue = null;
            for (Future<Response> answer : answers) {
                List<Map<String, Object>> errors = answer.get().jsonPath().getList("data.inventorySetQuantities.userErrors");
                if (errors.isEmpty()) {
                    winners++;
                    winningValue = answer.get().jsonPath().getInt("data.inventorySetQuantities.inventoryAdjustmentGroup.changes[0].quantityAfterChange");
                } else {
                    assertThat(errors.get(0)).containsEntry("code", "CHANGE_FROM_QUANTITY_STALE");
                }
            }
            assertThat(winners).isEqualTo(1);
            assertThat(Sim.quantity("shopify", item(1))).isEqualTo(winningValue.longValue());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void productVariantsBySkuAnswerEachHeldInventoryItemWithThatSkuOnce() {
        for (String[] listing : new String[][] { { "gid://shopify/InventoryItem/11", "RED-S" }, { "gid://shopify/InventoryItem/12", "RED-S-XL" },
                { "gid://shopify/InventoryItem/31", "TWIN" }, { "gid://shopify/InventoryItem/32", "TWIN" } }) {
            given().contentType("application/json").body(Map.of("scope", LOCATION, "sku", listing[1], "quantity", 1))
                    .put("/_sim/listings/shopify/" + listing[0]).then().statusCode(200);
        }
        given().contentType("application/json").body(Map.of("scope", "gid://shopify/Location/2", "sku", "RED-S", "quantity", 4))
                .put("/_sim/listings/shopify/gid://shopify/InventoryItem/11").then().statusCode(200);

        graphql("2026-04", "shpat_test", "query StocklineVariantsBySku($query: String!, $first: Int!) "
                + "{ productVariants(first: $first, query: $query) { nodes { id sku inventoryItem { id } } } }",
                Map.of("query", "sku:\"RED-S\" OR sku:\"TWIN\" OR sku:\"GONE\"", "first", 50))
                .then().statusCode(200)
                .body("data.productVariants.nodes.inventoryItem.id", org.hamcrest.Matchers.containsInAnyOrder(
                        "gid://shopify/InventoryItem/11", "gid://shopify/InventoryItem/31", "gid://shopify/InventoryItem/32"))
                .body("data.productVariants.nodes.sku", org.hamcrest.Matchers.containsInAnyOrder("RED-S", "TWIN", "TWIN"))
                .body("extensions.cost.requestedQueryCost", equalTo(102));
    }
}
