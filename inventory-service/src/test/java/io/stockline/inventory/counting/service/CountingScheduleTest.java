package io.stockline.inventory.counting.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.stockline.testsupport.StocklineTestResource;

/**
 * The nightly jobs, run as the scheduler runs them (on a Vert.x context; the tests switch their cron off): the
 * recompute classes every SKU, the proposal proposes at every location, and running either twice adds nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class CountingScheduleTest {

    @Inject
    CountingSchedule schedule;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static String withStock(String location) {
        String sku = unique("NIGHT");
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Nightly " + sku, "unitCost", "4"))
                .post("/api/v1/items").then().statusCode(201);
        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", location, "quantity", 8, "reason", "night"))
                .post("/api/v1/movements").then().statusCode(201);
        return sku;
    }

    private static List<String> openTasks(String location) {
        return given().queryParam("location", location).queryParam("status", "OPEN").get("/api/v1/counting/tasks")
                .then().statusCode(200).extract().jsonPath().getList("sku", String.class);
    }

    @Test
    void theNightlyJobsClassifyEverySkuAndProposeAtEveryLocation() throws Throwable {
        String north = unique("NORTH");
        String south = unique("SOUTH");
        for (String code : List.of(north, south)) {
            given().contentType(ContentType.JSON).body(Map.of("code", code, "name", code, "type", "WAREHOUSE"))
                    .post("/api/v1/locations").then().statusCode(201);
        }
        String a = withStock(north);
        String b = withStock(south);

        VertxContextSupport.subscribeAndAwait(() -> schedule.recomputeClasses());
        for (String sku : List.of(a, b)) {
            given().get("/api/v1/counting/abc/" + sku).then().statusCode(200)
                    .body("computedClass", equalTo("C"));
        }

        VertxContextSupport.subscribeAndAwait(() -> schedule.proposeEverywhere());
        assertThat(openTasks(north)).containsExactly(a);
        assertThat(openTasks(south)).containsExactly(b);

        VertxContextSupport.subscribeAndAwait(() -> schedule.proposeEverywhere());
        assertThat(openTasks(north)).containsExactly(a);
        assertThat(openTasks(south)).containsExactly(b);
        given().get("/api/v1/audit").then().statusCode(200).body("consistent", equalTo(true));
    }
}
