package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/**
 * A manual hold and a safety stock, set and released by an admin: both leave {@code available}, which is what
 * stock-changed tells channels they may sell, so channels never see them.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class HoldsAndSafetyStockTest {

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(stockChangedTopic));
    }

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        kafka.close();
        Api.assertAuditConsistent();
    }

    static Response set(String what, String sku, String location, long quantity) {
        return given().contentType(ContentType.JSON).body(Map.of("quantity", quantity, "note", "test"))
                .put("/api/v1/stock/" + sku + "/locations/" + location + "/" + what);
    }

    private void awaitEvent(String sku, String... fragments) {
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(stockChangedTopic).stream()
                .anyMatch(r -> sku.equals(r.key()) && List.of(fragments).stream().allMatch(r.value()::contains)));
    }

    @Test
    void aHoldAndASafetyStockThatChannelsNeverSee() {
        String sku = Api.item();
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 10);

        set("safety-stock", sku, location, 3).then().statusCode(200)
                .body("available", equalTo(7)).body("safetyStock", equalTo(3)).body("onHand", equalTo(10));
        awaitEvent(sku, "\"movementType\":\"SAFETY_STOCK\"", "\"available\":7", "\"safetyStock\":3");
        Api.assertAuditConsistent();

        set("hold", sku, location, 2).then().statusCode(200)
                .body("available", equalTo(5)).body("reserved", equalTo(2));
        awaitEvent(sku, "\"movementType\":\"HOLD\"", "\"available\":5", "\"reserved\":2", "\"safetyStock\":3");
        assertThat(Api.at(sku, location)).isEqualTo(new Api.Level(10, 5, 0, 2, 0, 0, 3));
        Api.assertAuditConsistent();

        // What channels are told they may sell never included the held or safety units.
        assertThat(kafka.on(stockChangedTopic).stream().filter(r -> sku.equals(r.key()))
                .map(r -> r.value()).filter(v -> v.contains("\"available\":10")).count()).isEqualTo(1);
        // Orders cannot take them either.
        assertProblem(Api.reserve(Api.key(), Api.unique("order"), List.of(Api.line(1, sku, location, 6))), 409,
                "lines[0].quantity");

        // Setting the same target again changes nothing.
        set("hold", sku, location, 2).then().statusCode(200).body("version", equalTo(3));
        // More than is available cannot be set aside.
        assertProblem(set("safety-stock", sku, location, 9), 409, "quantity");

        set("hold", sku, location, 0).then().statusCode(200).body("available", equalTo(7)).body("reserved", equalTo(0));
        awaitEvent(sku, "\"movementType\":\"HOLD_RELEASE\"", "\"available\":7", "\"reserved\":0");
        set("safety-stock", sku, location, 1).then().statusCode(200).body("available", equalTo(9)).body("safetyStock", equalTo(1));
        awaitEvent(sku, "\"movementType\":\"SAFETY_STOCK\"", "\"available\":9", "\"safetyStock\":1");
        assertThat(given().queryParam("sku", sku).get("/api/v1/ledger").then().extract().jsonPath()
                .getList("type", String.class)).containsExactly("RECEIPT", "SAFETY_STOCK", "HOLD", "HOLD_RELEASE", "SAFETY_STOCK");
        Api.assertAuditConsistent();
    }

    @Test
    void badTargetsAreProblemsNamingTheField() {
        String sku = Api.item();
        String location = Api.location();
        assertProblem(set("hold", sku, location, -1), 400, "quantity");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("note", "x"))
                .put("/api/v1/stock/" + sku + "/locations/" + location + "/safety-stock"), 400, "quantity");
        assertProblem(set("hold", "NOPE-" + Api.key(), location, 1), 404, "sku");
        assertProblem(set("safety-stock", sku, "NOPE-" + Api.key(), 1), 404, "code");
        assertProblem(set("hold", sku, location, 1), 409, "quantity");
    }
}
