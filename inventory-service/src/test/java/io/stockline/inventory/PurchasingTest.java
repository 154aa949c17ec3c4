package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/** Suppliers and purchase orders from draft to closed, on the real database and broker. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class PurchasingTest {

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

    @Test
    void aSentOrderShowsAsIncomingAndPublishesIt() {
        String supplier = Purchasing.supplier(false);
        String location = Api.location();
        String sku = Api.item();
        String number = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(sku, 10, "2.50")));
        given().get("/api/v1/purchase-orders/" + number).then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("currency", equalTo("EUR"))
                .body("lines[0].quantity", equalTo(10)).body("lines[0].outstanding", equalTo(10));
        assertThat(Purchasing.incoming(sku, location)).as("a draft promises nothing").isZero();

        JsonPath sent = Purchasing.send(number);
        assertThat(sent.getString("status")).isEqualTo("SENT");
        assertThat(sent.getString("sentAt")).isNotNull();
        assertThat(Purchasing.incoming(sku, location)).isEqualTo(10);
        Api.Level level = Api.at(sku, location);
        assertThat(level.onHand()).isZero();
        assertThat(level.available()).isZero();
        Api.assertAuditConsistent();

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(stockChangedTopic).stream()
                .anyMatch(r -> sku.equals(r.key()) && r.value().contains("\"incoming\":10")));
        assertThat(kafka.on(stockChangedTopic).stream().filter(r -> sku.equals(r.key())).findFirst().orElseThrow().value())
                .contains("\"movementType\":\"PURCHASE_ORDERED\"", "\"available\":0", "\"location\":\"" + location + "\"");

        assertProblem(given().post("/api/v1/purchase-orders/" + number + "/send"), 409, "status");
    }

    @Test
    void aPartialReceiptWithOneDamagedUnitThenAReplayThenACloseWithAShortage() {
        String supplier = Purchasing.supplier(false);
        String location = Api.location();
        String sku = Api.item();
        String other = Api.item();
        String number = Purchasing.draft(supplier, location,
                List.of(Purchasing.orderLine(sku, 10, "2.50"), Purchasing.orderLine(other, 4, "1.00")));
        Purchasing.send(number);

        String key = Api.key();
        List<Map<String, Object>> arrived = List.of(Purchasing.arrived(sku, 4, 1));
        Purchasing.receive(number, key, arrived).then().statusCode(201)
                .body("replayed", equalTo(false))
                .body("order.status", equalTo("PARTIALLY_RECEIVED"))
                .body("order.lines[0].received", equalTo(4)).body("order.lines[0].damaged", equalTo(1))
                .body("order.lines[0].outstanding", equalTo(6))
                .body("receipt.lines[0].unitCost", equalTo(2.5f))
                .body("receipt.lines[0].damaged", equalTo(1));
        Api.Level level = Api.at(sku, location);
        assertThat(level.onHand()).isEqualTo(4);
        assertThat(level.available()).isEqualTo(3);
        assertThat(level.damaged()).isEqualTo(1);
        assertThat(Purchasing.incoming(sku, location)).isEqualTo(6);
        assertThat(Purchasing.incoming(other, location)).isEqualTo(4);
        Api.assertAuditConsistent();

        // The same receipt again (a retry after a lost answer) answers the first one and changes nothing.
        long version = level.version();
        Purchasing.receive(number, key, arrived).then().statusCode(200)
                .body("replayed", equalTo(true)).body("order.lines[0].received", equalTo(4));
        assertThat(Api.at(sku, location)).isEqualTo(level);
        assertThat(Api.at(sku, location).version()).isEqualTo(version);
        assertThat(Purchasing.incoming(sku, location)).isEqualTo(6);
        assertProblem(Purchasing.receive(number, key, List.of(Purchasing.arrived(sku, 5, 0))), 422, "Idempotency-Key");
        Api.assertAuditConsistent();

        // The ledger records the receipt against the order's number.
        JsonPath ledger = given().queryParam("sku", sku).get("/api/v1/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getList("type", String.class)).containsExactly("PURCHASE_ORDERED", "RECEIPT");
        assertThat(ledger.getList("reference", String.class)).containsOnly(number);

        // Close: what never arrived is the supplier's shortage and no longer incoming.
        given().post("/api/v1/purchase-orders/" + number + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("lines[0].outstanding", equalTo(0))
                .body("closedAt", notNullValue());
        assertThat(Purchasing.incoming(sku, location)).isZero();
        assertThat(Purchasing.incoming(other, location)).isZero();
        assertThat(Api.at(sku, location).onHand()).isEqualTo(4);
        JsonPath afterClose = given().queryParam("sku", sku).get("/api/v1/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(afterClose.getList("type", String.class)).containsExactly("PURCHASE_ORDERED", "RECEIPT", "SHORTAGE");
        assertThat(afterClose.getLong("[2].quantity")).isEqualTo(6);
        assertThat(afterClose.getString("[2].reference")).isEqualTo(number);
        Api.assertAuditConsistent();

        assertProblem(Purchasing.receive(number, Api.key(), arrived), 409, "status");
        assertProblem(given().post("/api/v1/purchase-orders/" + number + "/cancel"), 409, "status");
    }

    @Test
    void firstRequestsRacingToPutOneSupplierItemAllSucceedAndLeaveOneRow() throws Exception {
        String supplier = Purchasing.supplier(false);
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 5; round++) {
                String sku = Api.item();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    String cost = (i + 1) + ".25";
                    statuses.add(pool.submit(() -> {
                        start.await();
                        return given().contentType(ContentType.JSON).body(Map.of("unitCost", cost, "packSize", 1))
                                .put("/api/v1/suppliers/" + supplier + "/items/" + sku).statusCode();
                    }));
                }
                start.countDown();
                for (Future<Integer> status : statuses) {
                    assertThat(status.get(60, TimeUnit.SECONDS)).as(sku).isEqualTo(200);
                }
                // one row for the pair, holding one of the costs sent
                JsonPath items = given().get("/api/v1/suppliers/" + supplier + "/items").then().statusCode(200)
                        .extract().jsonPath();
                assertThat(items.getList("sku", String.class)).filteredOn(sku::equals).hasSize(1);
                assertThat(given().get("/api/v1/suppliers/" + supplier + "/items/" + sku).then().statusCode(200)
                        .extract().jsonPath().getDouble("unitCost")).isIn(1.25, 2.25, 3.25, 4.25);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReceiptOfEverythingCompletesTheOrderAndMeasuresTheLeadTime() {
        String supplier = Purchasing.supplier(false);
        String location = Api.location();
        String sku = Api.item();
        given().contentType(ContentType.JSON).body(Map.of("supplierSku", "S-" + sku, "unitCost", "3.20", "packSize", 6))
                .put("/api/v1/suppliers/" + supplier + "/items/" + sku).then().statusCode(200)
                .body("unitCost", equalTo(3.2f)).body("leadTime", org.hamcrest.Matchers.nullValue());
        // No unit cost on the line: the supplier item's price.
        String number = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(sku, 6, null)));
        given().get("/api/v1/purchase-orders/" + number).then().body("lines[0].unitCost", equalTo(3.2f));
        Purchasing.send(number);
        Purchasing.receive(number, Api.key(), List.of(Purchasing.arrived(sku, 2, 0))).then().statusCode(201);
        Purchasing.receive(number, Api.key(), List.of(Purchasing.arrived(sku, 4, 0))).then().statusCode(201)
                .body("order.status", equalTo("RECEIVED"));
        assertThat(Purchasing.incoming(sku, location)).isZero();
        assertThat(Api.at(sku, location).available()).isEqualTo(6);

        JsonPath item = given().get("/api/v1/suppliers/" + supplier + "/items/" + sku).then().statusCode(200)
                .extract().jsonPath();
        assertThat(item.getLong("leadTime.receipts")).isEqualTo(2);
        assertThat(item.getDouble("leadTime.meanDays")).isBetween(0.0, 0.01);
        assertThat(item.getDouble("leadTime.stdDevDays")).isBetween(0.0, 0.01);
        given().get("/api/v1/purchase-orders/" + number + "/receipts").then().statusCode(200)
                .body("size()", equalTo(2)).body("[1].lines[0].quantity", equalTo(4));

        // Received in full, then closed: nothing is short.
        given().post("/api/v1/purchase-orders/" + number + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        assertThat(given().queryParam("sku", sku).get("/api/v1/ledger").then().extract().jsonPath()
                .getList("type", String.class)).doesNotContain("SHORTAGE");
    }

    @Test
    void anOverReceiptIsRefusedUnlessTheSupplierAllowsIt() {
        String location = Api.location();
        String sku = Api.item();
        String strict = Purchasing.supplier(false);
        String number = Purchasing.draft(strict, location, List.of(Purchasing.orderLine(sku, 5, "1")));
        Purchasing.send(number);
        assertProblem(Purchasing.receive(number, Api.key(), List.of(Purchasing.arrived(sku, 6, 0))), 409, "lines[0].quantity");
        assertThat(Purchasing.incoming(sku, location)).isEqualTo(5);
        assertThat(Api.at(sku, location).onHand()).isZero();

        String lenient = Purchasing.supplier(true);
        String other = Purchasing.draft(lenient, location, List.of(Purchasing.orderLine(sku, 5, "1")));
        Purchasing.send(other);
        Purchasing.receive(other, Api.key(), List.of(Purchasing.arrived(sku, 7, 0))).then().statusCode(201)
                .body("order.status", equalTo("RECEIVED")).body("order.lines[0].received", equalTo(7));
        // Only what was expected leaves incoming: the first order's 5 are still due.
        assertThat(Purchasing.incoming(sku, location)).isEqualTo(5);
        assertThat(Api.at(sku, location).available()).isEqualTo(7);
        Api.assertAuditConsistent();
    }

    @Test
    void cancellingBeforeAnyReceiptClearsIncomingAndNotAfter() {
        String supplier = Purchasing.supplier(false);
        String location = Api.location();
        String sku = Api.item();
        String draft = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(sku, 3, "1")));
        given().post("/api/v1/purchase-orders/" + draft + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));

        String sent = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(sku, 8, "1")));
        Purchasing.send(sent);
        assertThat(Purchasing.incoming(sku, location)).isEqualTo(8);
        given().post("/api/v1/purchase-orders/" + sent + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(Purchasing.incoming(sku, location)).isZero();
        Api.assertAuditConsistent();

        String received = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(sku, 8, "1")));
        Purchasing.send(received);
        Purchasing.receive(received, Api.key(), List.of(Purchasing.arrived(sku, 1, 0))).then().statusCode(201);
        assertProblem(given().post("/api/v1/purchase-orders/" + received + "/cancel"), 409, "status");
        assertThat(Purchasing.incoming(sku, location)).isEqualTo(7);
    }

    @Test
    void anOrderExportsAsJsonAndCsv() {
        String supplier = Purchasing.supplier(false);
        String location = Api.location();
        String sku = Api.item();
        String other = Api.item();
        String number = Purchasing.draft(supplier, location,
                List.of(Purchasing.orderLine(sku, 10, "2.50"), Purchasing.orderLine(other, 3, "0.99")));
        String csv = given().accept("text/csv").get("/api/v1/purchase-orders/" + number).then().statusCode(200)
                .header("Content-Type", startsWith("text/csv")).extract().asString();
        assertThat(csv.lines().toList()).containsExactly(
                "number,supplier,location,status,currency,expectedOn,line,sku,quantity,unitCost,received,damaged,outstanding",
                "%s,%s,%s,DRAFT,EUR,,1,%s,10,2.5000,0,0,10".formatted(number, supplier, location, sku),
                "%s,%s,%s,DRAFT,EUR,,2,%s,3,0.9900,0,0,3".formatted(number, supplier, location, other));
        given().accept(ContentType.JSON).get("/api/v1/purchase-orders/" + number).then().statusCode(200)
                .body("number", equalTo(number)).body("lines.size()", equalTo(2));
        given().queryParam("supplier", supplier).get("/api/v1/purchase-orders").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].number", equalTo(number));
        given().get("/api/v1/suppliers/" + supplier).then().statusCode(200).body("currency", equalTo("EUR"))
                .body("leadTimeDays", equalTo(7));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String location = Api.location();
        String sku = Api.item();
        String supplier = Purchasing.supplier(false);

        Map<String, Object> badCurrency = Purchasing.supplierBody(Api.unique("SUP"), false);
        badCurrency.put("currency", "euro");
        assertProblem(given().contentType(ContentType.JSON).body(badCurrency).post("/api/v1/suppliers"), 400, "currency");
        Map<String, Object> noLeadTime = Purchasing.supplierBody(Api.unique("SUP"), false);
        noLeadTime.remove("leadTimeDays");
        assertProblem(given().contentType(ContentType.JSON).body(noLeadTime).post("/api/v1/suppliers"), 400, "leadTimeDays");
        assertProblem(given().contentType(ContentType.JSON).body(Purchasing.supplierBody(supplier, false))
                .post("/api/v1/suppliers"), 409, "code");
        assertProblem(given().get("/api/v1/suppliers/NOPE-" + Api.key()), 404, "code");
        // a page past any order is empty, however far (found by FuzzTest: page 2147483646 overflowed the offset)
        given().get("/api/v1/purchase-orders?page=2147483646&limit=100").then().statusCode(200).body("size()", equalTo(0));
        given().get("/api/v1/purchase-orders?page=" + Integer.MAX_VALUE + "&limit=1").then().statusCode(200).body("size()", equalTo(0));
        assertProblem(given().get("/api/v1/purchase-orders?page=-1"), 400, "page");

        Map<String, Object> picky = Purchasing.supplierBody(Api.unique("SUP"), false);
        picky.put("minimumOrderQuantity", 10);
        picky.put("orderMultiple", 5);
        String pickySupplier = given().contentType(ContentType.JSON).body(picky).post("/api/v1/suppliers")
                .then().statusCode(201).extract().path("code");
        assertProblem(Purchasing.create(pickySupplier, location, List.of(Purchasing.orderLine(sku, 5, "1"))), 422, "lines[0].quantity");
        assertProblem(Purchasing.create(pickySupplier, location, List.of(Purchasing.orderLine(sku, 12, "1"))), 422, "lines[0].quantity");
        Purchasing.create(pickySupplier, location, List.of(Purchasing.orderLine(sku, 15, "1"))).then().statusCode(201);

        assertProblem(Purchasing.create("NOPE-" + Api.key(), location, List.of(Purchasing.orderLine(sku, 1, "1"))), 404, "supplier");
        assertProblem(Purchasing.create(supplier, "NOPE-" + Api.key(), List.of(Purchasing.orderLine(sku, 1, "1"))), 404, "location");
        assertProblem(Purchasing.create(supplier, location, List.of(Purchasing.orderLine(sku, 1, "1"),
                Purchasing.orderLine("NOPE-" + Api.key(), 1, "1"))), 404, "lines[1].sku");
        assertProblem(Purchasing.create(supplier, location, List.of(Purchasing.orderLine(sku, 0, "1"))), 400, "lines[0].quantity");
        assertProblem(Purchasing.create(supplier, location, List.of(Purchasing.orderLine(sku, 1, "-1"))), 400, "lines[0].unitCost");
        assertProblem(Purchasing.create(supplier, location, List.of(Purchasing.orderLine(sku, 1, null))), 422, "lines[0].unitCost");
        assertProblem(Purchasing.create(supplier, location, List.of(Purchasing.orderLine(sku, 1, "1"),
                Purchasing.orderLine(sku, 2, "1"))), 422, "lines[1].sku");
        assertProblem(Purchasing.create(supplier, location, List.of()), 400, "lines");

        String number = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(sku, 5, "1")));
        // pages of one are the first two of a page of two (at least two orders exist now)
        List<String> firstTwo = given().get("/api/v1/purchase-orders?page=0&limit=2").jsonPath().getList("number", String.class);
        assertThat(firstTwo).hasSize(2);
        assertThat(List.of(given().get("/api/v1/purchase-orders?page=0&limit=1").jsonPath().getString("[0].number"),
                given().get("/api/v1/purchase-orders?page=1&limit=1").jsonPath().getString("[0].number"))).isEqualTo(firstTwo);
        assertProblem(Purchasing.receive(number, Api.key(), List.of(Purchasing.arrived(sku, 1, 0))), 409, "status");
        Purchasing.send(number);
        String other = Api.item();
        assertProblem(Purchasing.receive(number, Api.key(), List.of(Purchasing.arrived(other, 1, 0))), 422, "lines[0].sku");
        assertProblem(Purchasing.receive(number, Api.key(), List.of(Purchasing.arrived(sku, 1, 2))), 422, "lines[0].damaged");
        assertProblem(Purchasing.receive(number, Api.key(), List.of(Purchasing.arrived(sku, 0, 0))), 400, "lines[0].quantity");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("lines", List.of(Purchasing.arrived(sku, 1, 0))))
                .post("/api/v1/purchase-orders/" + number + "/receipts"), 400, "Idempotency-Key");
        assertProblem(Purchasing.receive("PO-NOPE", Api.key(), List.of(Purchasing.arrived(sku, 1, 0))), 404, "number");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("unitCost", "-2"))
                .put("/api/v1/suppliers/" + supplier + "/items/" + sku), 400, "unitCost");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("unitCost", "2"))
                .put("/api/v1/suppliers/" + supplier + "/items/NOPE-" + Api.key()), 404, "sku");
        assertThat(Purchasing.incoming(sku, location)).isEqualTo(5);
    }
}
