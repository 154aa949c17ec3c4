package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/** An item import racing POST /items for the same new SKUs: every SKU made once, no call fails with a 500. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ItemImportRaceTest {

    @Test
    void anImportAndTheApiCreatingTheSameItemsAnswerRepeatsNotFailures() throws Exception {
        int count = 300;
        List<String> skus = new ArrayList<>();
        StringBuilder csv = new StringBuilder("sku,name\n");
        for (int i = 0; i < count; i++) {
            String sku = Api.unique("RACE");
            skus.add(sku);
            csv.append(sku).append(",Raced ").append(sku).append('\n');
        }
        String admin = Tokens.bearer("admin");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture<JsonPath> imported = CompletableFuture.supplyAsync(() -> given()
                    .header("Authorization", admin).contentType("text/csv").body(csv.toString())
                    .post("/api/v1/imports/items").then().statusCode(200).extract().jsonPath(), pool);
            List<CompletableFuture<Integer>> created = new ArrayList<>();
            for (String sku : skus) {
                created.add(CompletableFuture.supplyAsync(() -> given().header("Authorization", admin)
                        .contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Raced " + sku))
                        .post("/api/v1/items").statusCode(), pool));
            }
            JsonPath report = imported.get();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> status : created) {
                statuses.add(status.get());
            }
            assertThat(statuses).as("each POST creates the item or finds it made").allMatch(s -> s == 201 || s == 409);
            long madeByTheApi = statuses.stream().filter(s -> s == 201).count();
            assertThat(report.getInt("rejected")).isZero();
            assertThat(report.getInt("applied") + madeByTheApi).as("every SKU made exactly once").isEqualTo(count);
            assertThat(report.getInt("unchanged")).isEqualTo((int) madeByTheApi);
        } finally {
            pool.shutdownNow();
        }
        for (String sku : skus) {
            given().get("/api/v1/items/" + sku).then().statusCode(200);
        }
    }
}
