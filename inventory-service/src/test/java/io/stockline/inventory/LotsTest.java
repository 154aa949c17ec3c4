package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.key;
import static io.stockline.inventory.Api.line;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/** Lots in the ledger: which lots each departure took, expiry out of available on its date, and a recall. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class LotsTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @AfterEach
    void ledgerAndLotsStillExplainEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static String lotTrackedItem() {
        String sku = unique("LOT");
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Yoghurt " + sku, "lotTracked", true))
                .post("/api/v1/items").then().statusCode(201);
        return sku;
    }

    private static Response move(String type, String sku, String location, long quantity, String lot, LocalDate expiresOn,
            String reference) {
        Map<String, Object> body = new java.util.HashMap<>(Api.movement(type, sku, location, quantity));
        if (lot != null) {
            body.put("lot", lot);
        }
        if (expiresOn != null) {
            body.put("expiresOn", expiresOn.toString());
        }
        if (reference != null) {
            body.put("reference", reference);
        }
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key()).body(body).post("/api/v1/movements");
    }

    private static void received(String sku, String location, long quantity, String lot, LocalDate expiresOn) {
        move("RECEIPT", sku, location, quantity, lot, expiresOn, null).then().statusCode(201);
    }

    private static JsonPath expireNow() {
        return given().post("/api/v1/lots/expire").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theLedgerNamesTheLotsEachSaleTookFirstToExpireFirst() {
        String loc = location();
        String sku = lotTrackedItem();
        received(sku, loc, 5, "LATE", TODAY.plusDays(60));
        received(sku, loc, 3, "SOON", TODAY.plusDays(10));
        long sale = move("SALE", sku, loc, 4, null, null, "till-1").then().statusCode(201).extract().jsonPath().getLong("id");

        List<Map<String, Object>> ledger = given().queryParam("sku", sku).get("/api/v1/ledger").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Object> saleEntry = ledger.stream().filter(e -> ((Number) e.get("id")).longValue() == sale).findFirst()
                .orElseThrow();
        assertThat(saleEntry.get("lots")).isEqualTo(List.of(Map.of("lot", "LATE", "quantity", -1),
                Map.of("lot", "SOON", "quantity", -3)));
        assertThat(ledger.get(0).get("lots")).isEqualTo(List.of(Map.of("lot", "LATE", "quantity", 5)));

        given().get("/api/v1/items/{sku}/lots", sku).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].lot", equalTo("LATE")).body("[0].onHand", equalTo(4))
                .body("[0].location", equalTo(loc)).body("[0].expired", equalTo(0));
    }

    @Test
    void anExpiredLotLeavesAvailableOnItsDateIntoQualityControlAndIsWrittenOffFirst() {
        String loc = location();
        String sku = lotTrackedItem();
        received(sku, loc, 10, "TODAY", TODAY);
        received(sku, loc, 5, "NEXT-MONTH", TODAY.plusDays(30));
        received(sku, loc, 4, "YESTERDAY", TODAY.minusDays(1));
        assertThat(at(sku, loc).available()).isEqualTo(19);
        // orders placed before the date hold 2 units; the expiry takes what is free and reports what orders hold
        String reservation = Api.reserve(key(), unique("order"), List.of(line(1, sku, loc, 16))).then().statusCode(201)
                .extract().path("id");

        JsonPath run = expireNow();
        assertThat(run.getString("date")).isEqualTo(TODAY.toString());
        List<Map<String, Object>> mine = run.<Map<String, Object>>getList("lots").stream()
                .filter(l -> sku.equals(l.get("sku"))).toList();
        assertThat(mine).extracting(l -> l.get("lot")).containsExactly("YESTERDAY", "TODAY");
        assertThat(mine.stream().mapToLong(l -> ((Number) l.get("units")).longValue()).sum()).isEqualTo(3);
        assertThat(mine.stream().mapToLong(l -> ((Number) l.get("heldForOrders")).longValue()).sum()).isEqualTo(11);
        Api.release(reservation).then().statusCode(200);
        expireNow();

        Api.Level level = at(sku, loc);
        assertThat(level.available()).as("only the lot expiring next month is sellable").isEqualTo(5);
        assertThat(level.qualityControl()).isEqualTo(14);
        assertThat(level.onHand()).isEqualTo(19);
        assertThat(expireNow().<Map<String, Object>>getList("lots").stream().filter(l -> sku.equals(l.get("sku"))))
                .as("a second run finds nothing left to expire").isEmpty();
        Api.reserve(key(), unique("order"), List.of(line(1, sku, loc, 6))).then().statusCode(409);

        // a write-off from quality control takes the expired lots, and a sale the lot that has not expired
        Map<String, Object> writeOff = new java.util.HashMap<>(Api.movement("WRITE_OFF", sku, loc, 14));
        writeOff.put("state", "QUALITY_CONTROL");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key()).body(writeOff).post("/api/v1/movements")
                .then().statusCode(201);
        given().get("/api/v1/items/{sku}/lots", sku).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].lot", equalTo("NEXT-MONTH")).body("[0].onHand", equalTo(5));
        List<Map<String, Object>> ledger = given().queryParam("sku", sku).get("/api/v1/ledger").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(ledger).filteredOn(e -> "EXPIRY".equals(e.get("type"))).extracting(e -> e.get("reference"))
                .as("the first run took the 3 free units from the lot that expired first, the second the rest")
                .containsExactly("YESTERDAY", "YESTERDAY", "TODAY");
    }

    @Test
    void lotsWhoseUnitsOrdersHoldDoNotKeepTheExpiryFromTheLotsAfterThem() {
        String loc = location();
        // long past their date, every unit held by an order: nothing of them can be taken, so they stay due, first
        // in the expiry's order, more of them than one page of the run (two in the tests)
        for (int i = 0; i < 3; i++) {
            String held = lotTrackedItem();
            received(held, loc, 2, "HELD-" + i, TODAY.minusDays(400));
            Api.reserve(key(), unique("order"), List.of(line(1, held, loc, 2))).then().statusCode(201);
        }
        String sku = lotTrackedItem();
        received(sku, loc, 4, "DUE", TODAY);

        List<Map<String, Object>> run = expireNow().getList("lots");
        assertThat(run).filteredOn(l -> sku.equals(l.get("sku"))).singleElement()
                .satisfies(l -> assertThat(((Number) l.get("units")).longValue()).isEqualTo(4));
        assertThat(run).filteredOn(l -> loc.equals(l.get("location")) && !sku.equals(l.get("sku")))
                .as("the held lots, reported with what orders hold").hasSize(3)
                .allSatisfy(l -> assertThat(((Number) l.get("heldForOrders")).longValue()).isEqualTo(2));
        assertThat(at(sku, loc).available()).isZero();
        assertThat(at(sku, loc).qualityControl()).isEqualTo(4);
    }

    @Test
    void aRecallListsWhereTheLotIsAndTheOrdersThatReceivedIt() {
        String loc = location();
        String other = location();
        String sku = lotTrackedItem();
        received(sku, loc, 10, "RECALLED", TODAY.plusDays(90));
        received(sku, loc, 10, "SAFE", TODAY.plusDays(200));
        String first = unique("order");
        String second = unique("order");
        String r1 = Api.reserve(key(), first, List.of(line(1, sku, loc, 3))).then().statusCode(201).extract().path("id");
        String r2 = Api.reserve(key(), second, List.of(line(1, sku, loc, 2))).then().statusCode(201).extract().path("id");
        Api.commit(r1).then().statusCode(200);
        Api.commit(r2).then().statusCode(200);
        move("SALE", sku, loc, 1, null, null, "till-42").then().statusCode(201);
        Map<String, Object> transfer = new java.util.HashMap<>(Api.movement("TRANSFER_OUT", sku, loc, 2));
        transfer.put("toLocation", other);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key()).body(transfer).post("/api/v1/movements")
                .then().statusCode(201);

        JsonPath recall = given().get("/api/v1/items/{sku}/lots/{lot}", sku, "RECALLED").then().statusCode(200)
                .extract().jsonPath();
        assertThat(recall.getString("lot")).isEqualTo("RECALLED");
        assertThat(recall.getLong("onHand")).isEqualTo(2);
        assertThat(recall.getList("shipped.orderId")).containsExactly(first, second, null);
        assertThat(recall.getList("shipped.reference")).last().isEqualTo("till-42");
        assertThat(recall.getList("shipped.quantity")).containsExactly(-3, -2, -1);
        assertThat(recall.getList("movements.type")).containsExactly("RECEIPT", "COMMIT", "COMMIT", "SALE", "TRANSFER_OUT");
        assertThat(recall.getList("held.location")).containsExactly(loc);
    }

    @Test
    void badLookupsNameTheField() {
        String plain = Api.item();
        assertProblem(given().get("/api/v1/items/{sku}/lots", unique("NONE")), 404, "sku");
        assertProblem(given().get("/api/v1/items/{sku}/lots", plain), 422, "sku");
        assertProblem(given().get("/api/v1/items/{sku}/lots/{lot}", lotTrackedItem(), "NEVER"), 404, "lot");
    }

    @Test
    void everyLotEndpointAsksForItsRole() {
        String sku = lotTrackedItem();
        received(sku, location(), 1, "ROLE", TODAY.plusDays(5));
        AdminByDefault.off();
        try {
            for (String path : List.of("/api/v1/items/" + sku + "/lots", "/api/v1/items/" + sku + "/lots/ROLE")) {
                given().get(path).then().statusCode(401);
                given().header("Authorization", Tokens.bearer("viewer")).get(path).then().statusCode(200);
            }
            given().post("/api/v1/lots/expire").then().statusCode(401);
            given().header("Authorization", Tokens.bearer("viewer")).post("/api/v1/lots/expire").then().statusCode(403);
            given().header("Authorization", Tokens.bearer("operator")).post("/api/v1/lots/expire").then().statusCode(403);
            given().header("Authorization", Tokens.bearer("admin")).post("/api/v1/lots/expire").then().statusCode(200);
        } finally {
            AdminByDefault.on();
        }
    }
}
