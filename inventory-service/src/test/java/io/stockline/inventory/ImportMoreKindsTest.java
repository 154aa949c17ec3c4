package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.ImportTest.importCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/**
 * Locations and suppliers from spreadsheets, stock counts of lot-tracked items and against held stock, and a file
 * larger than one chunk: bad rows reported by row and column, only good rows applied, a second import changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ImportMoreKindsTest {


    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;
    @ConfigProperty(name = "stockline.topics.locations")
    String locationsTopic;
    @ConfigProperty(name = "stockline.topics.items")
    String itemsTopic;

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }


    @Test
    void locationsWithBadRowsDryRunThenImportThenReimport() throws Exception {
        String berlin = Api.unique("LOC");
        String shop = Api.unique("LOC");
        String taken = Api.location();
        String dropship = Api.unique("LOC");
        String csv = """
                code,name,type,latitude,longitude,priority,fulfilsOrders,countries
                %s,Berlin,WAREHOUSE,52.52,13.405,3,,DE;AT
                %s,,WAREHOUSE,,,,,
                %s,Nowhere,CASTLE,,,,,
                %s,Pole,STORE,200,,,,
                %s,Abroad,STORE,,,,,Germany
                %s,Shop,store,,,,false,
                %s,Berlin again,WAREHOUSE,,,,,
                %s,Renamed,WAREHOUSE,,,,,
                %s,Shop,STORE,,,x,,
                %s,Dropship,SUPPLIER,,,,,
                """.formatted(berlin, Api.unique("LOC"), Api.unique("LOC"), Api.unique("LOC"), Api.unique("LOC"), shop,
                berlin, taken, Api.unique("LOC"), dropship);

        JsonPath dry = importCsv("locations", csv, true).then().statusCode(200).extract().jsonPath();
        assertThat(dry.getBoolean("dryRun")).isTrue();
        assertThat(dry.getInt("rows")).isEqualTo(10);
        assertThat(dry.getInt("applied")).isEqualTo(2);
        assertThat(dry.getList("problems.row", Integer.class)).containsExactly(3, 4, 5, 6, 8, 9, 10, 11);
        assertThat(dry.getList("problems.column", String.class))
                .containsExactly("name", "type", "latitude", "countries", "code", "code", "priority", "type");
        // a SUPPLIER location is a dropship supplier's, made by its availability: an import refuses it as POST does
        assertThat(dry.getString("problems.find { it.row == 11 }.message")).contains("dropship supplier");
        assertThat(given().get("/api/v1/locations").then().extract().jsonPath().getList("code", String.class))
                .doesNotContain(berlin, shop);

        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(locationsTopic))) {
            JsonPath real = importCsv("locations", csv, false).then().statusCode(200).extract().jsonPath();
            assertThat(real.getInt("applied")).isEqualTo(2);
            assertThat(real.getInt("rejected")).isEqualTo(8);
            assertThat(given().get("/api/v1/locations").then().extract().jsonPath().getList("code", String.class))
                    .doesNotContain(dropship);
            Map<String, Object> created = given().get("/api/v1/locations").then().extract().jsonPath()
                    .getMap("find { it.code == '" + berlin + "' }");
            assertThat(created).containsEntry("name", "Berlin").containsEntry("priority", 3)
                    .containsEntry("fulfilsOrders", true);
            assertThat(created.get("countries")).isEqualTo(List.of("AT", "DE"));
            assertThat(given().get("/api/v1/locations").then().extract().jsonPath()
                    .getBoolean("find { it.code == '" + shop + "' }.fulfilsOrders")).isFalse();

            await().atMost(Duration.ofSeconds(30)).until(() -> !Api.events(kafka, locationsTopic, berlin).isEmpty());
            assertThat(Api.events(kafka, locationsTopic, berlin).get(0).path("latitude").asDouble()).isEqualTo(52.52);
        }

        JsonPath again = importCsv("locations", csv, false).then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("applied")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(2);
        assertThat(again.getInt("rejected")).isEqualTo(8);
    }

    @Test
    void suppliersWithBadRowsDryRunThenImportThenReimport() {
        String acme = Api.unique("SUP");
        String bolt = Api.unique("SUP");
        String csv = """
                code,name,contact,currency,leadTimeDays,minimumOrderQuantity,orderMultiple,allowOverReceipt
                %s,"Acme, Inc.",orders@acme.example,EUR,14,10,5,true
                %s,Bolt,,USD,3,,,
                %s,Lower,,eur,3,,,
                %s,Late,,EUR,soon,,,
                %s,Zero,,EUR,3,0,,
                %s,,,EUR,3,,,
                %s,Odd,,EUR,3,,,perhaps
                """.formatted(acme, bolt, Api.unique("SUP"), Api.unique("SUP"), Api.unique("SUP"), Api.unique("SUP"),
                Api.unique("SUP"));

        JsonPath dry = importCsv("suppliers", csv, true).then().statusCode(200).extract().jsonPath();
        assertThat(dry.getInt("applied")).isEqualTo(2);
        assertThat(dry.getList("problems.row", Integer.class)).containsExactly(4, 5, 6, 7, 8);
        assertThat(dry.getList("problems.column", String.class))
                .containsExactly("currency", "leadTimeDays", "minimumOrderQuantity", "name", "allowOverReceipt");
        given().get("/api/v1/suppliers/" + acme).then().statusCode(404);

        JsonPath real = importCsv("suppliers", csv, false).then().statusCode(200).extract().jsonPath();
        assertThat(real.getInt("applied")).isEqualTo(2);
        assertThat(real.getInt("rejected")).isEqualTo(5);
        given().get("/api/v1/suppliers/" + acme).then().statusCode(200)
                .body("name", equalTo("Acme, Inc.")).body("contact", equalTo("orders@acme.example"))
                .body("leadTimeDays", equalTo(14)).body("minimumOrderQuantity", equalTo(10))
                .body("orderMultiple", equalTo(5)).body("allowOverReceipt", equalTo(true));
        given().get("/api/v1/suppliers/" + bolt).then().statusCode(200)
                .body("minimumOrderQuantity", equalTo(1)).body("allowOverReceipt", equalTo(false));

        JsonPath again = importCsv("suppliers", csv, false).then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("applied")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(2);

        String changed = "code,name,currency,leadTimeDays\n" + acme + ",Acme,EUR,14\n";
        JsonPath conflict = importCsv("suppliers", changed, false).then().statusCode(200).extract().jsonPath();
        assertThat(conflict.getList("problems.column", String.class)).containsExactly("code");
        given().get("/api/v1/suppliers/" + acme).then().body("name", equalTo("Acme, Inc."));
    }

    @Test
    void aCountOfALotTrackedItemMovesItsLotsAndIsPublished() throws Exception {
        String location = Api.location();
        String sku = Api.unique("LOT");
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Yoghurt", "lotTracked", true))
                .post("/api/v1/items").then().statusCode(201);
        for (String[] lot : new String[][] { { "A", "2031-01-01" }, { "B", "2030-01-01" } }) {
            Map<String, Object> body = new java.util.HashMap<>(Api.movement("RECEIPT", sku, location, 5));
            body.put("lot", lot[0]);
            body.put("expiresOn", lot[1]);
            given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(body)
                    .post("/api/v1/movements").then().statusCode(201);
        }
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(stockChangedTopic))) {
            JsonPath report = importCsv("stock", "sku,location,quantity\n" + sku + "," + location + ",7\n", false)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(report.getInt("applied")).isEqualTo(1);
            assertThat(Api.at(sku, location).onHand()).isEqualTo(7);

            await().atMost(Duration.ofSeconds(30)).until(() -> Api.events(kafka, stockChangedTopic, sku).stream()
                    .anyMatch(e -> e.path("movementType").asText().equals("COUNT_CORRECTION")));
            JsonNode event = Api.events(kafka, stockChangedTopic, sku).stream()
                    .filter(e -> e.path("movementType").asText().equals("COUNT_CORRECTION")).findFirst().orElseThrow();
            assertThat(event.path("onHand").asLong()).isEqualTo(7);
            // Three units fewer: the lot to expire first (B) gives them.
            assertThat(event.path("lots").toString()).contains("\"lot\":\"A\"").contains("\"quantity\":5")
                    .contains("\"lot\":\"B\"").contains("\"quantity\":2");
        }
    }

    @Test
    void aCountBelowWhatOrdersHoldIsRefusedAndABundleIsNotCounted() {
        String location = Api.location();
        String sku = Api.item();
        Api.moved("RECEIPT", sku, location, 10);
        Api.reserve(Api.key(), Api.unique("order"), List.of(Api.line(1, sku, location, 8))).then().statusCode(201);
        String bundle = Api.unique("BUN");
        given().contentType(ContentType.JSON).body(Map.of("sku", bundle, "name", "Pack", "kind", "BUNDLE",
                "components", List.of(Map.of("sku", sku, "quantity", 2)))).post("/api/v1/items").then().statusCode(201);

        JsonPath report = importCsv("stock", """
                sku,location,quantity
                %s,%s,5
                %s,%s,1
                %s,NOWHERE-%s,1
                """.formatted(sku, location, bundle, location, sku, location), false)
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("problems.row", Integer.class)).containsExactly(2, 3, 4);
        assertThat(report.getList("problems.column", String.class)).containsExactly("quantity", "sku", "location");
        assertThat(Api.at(sku, location).onHand()).isEqualTo(10);
        assertThat(Api.at(sku, location).committed()).isEqualTo(8);

        JsonPath enough = importCsv("stock", "sku,location,quantity\n" + sku + "," + location + ",9\n", false)
                .then().statusCode(200).extract().jsonPath();
        assertThat(enough.getInt("applied")).isEqualTo(1);
        Api.Level level = Api.at(sku, location);
        assertThat(level.onHand()).isEqualTo(9);
        assertThat(level.available()).isEqualTo(1);
        assertThat(level.committed()).isEqualTo(8);
    }

    @Test
    void aFileLargerThanAChunkIsAppliedWholeAndOnceWithItsEvents() throws Exception {
        int rows = 4_500;
        String prefix = Api.unique("BULK");
        String location = Api.location();
        StringBuilder items = new StringBuilder("sku,name,unitCost\n");
        StringBuilder counts = new StringBuilder("sku,location,quantity\n");
        for (int i = 0; i < rows; i++) {
            items.append(prefix).append('-').append(i).append(",Bulk item ").append(i).append(",1.25\n");
            counts.append(prefix).append('-').append(i).append(',').append(location).append(',').append(i % 7 + 1)
                    .append('\n');
        }
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(itemsTopic, stockChangedTopic))) {
            JsonPath itemReport = importCsv("items", items.toString(), false).then().statusCode(200).extract().jsonPath();
            assertThat(itemReport.getInt("applied")).isEqualTo(rows);
            JsonPath stockReport = importCsv("stock", counts.toString(), false).then().statusCode(200).extract().jsonPath();
            assertThat(stockReport.getInt("applied")).isEqualTo(rows);
            assertThat(stockReport.getInt("rejected")).isZero();

            String last = prefix + "-" + (rows - 1);
            assertThat(Api.at(last, location).onHand()).isEqualTo((rows - 1) % 7 + 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.on(stockChangedTopic).stream()
                    .filter(r -> r.key().startsWith(prefix)).count() >= rows);
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.on(itemsTopic).stream()
                    .filter(r -> r.key().startsWith(prefix)).count() >= rows);
            JsonNode event = Api.events(kafka, stockChangedTopic, last).get(0);
            assertThat(event.path("version").asLong()).isEqualTo(1);
            assertThat(event.path("onHand").asLong()).isEqualTo((rows - 1) % 7 + 1);
        }

        JsonPath again = importCsv("stock", counts.toString(), false).then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("applied")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(rows);
        JsonPath itemsAgain = importCsv("items", items.toString(), true).then().statusCode(200).extract().jsonPath();
        assertThat(itemsAgain.getInt("unchanged")).isEqualTo(rows);
    }

    @Test
    void aRowListedTwiceIsRefusedAndANewKindIsNamed() {
        String location = Api.location();
        String sku = Api.item();
        JsonPath report = importCsv("stock", "sku,location,quantity\n%s,%s,3\n%s,%s,4\n"
                .formatted(sku, location, sku, location), false).then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("applied")).isEqualTo(1);
        assertThat(report.getList("problems.row", Integer.class)).containsExactly(3);
        assertThat(Api.at(sku, location).onHand()).isEqualTo(3);
        assertProblem(importCsv("locations", "code,name\nX,Y\n", false), 400, "header");
        assertProblem(importCsv("suppliers", "code,name,currency\nX,Y,EUR\n", true), 400, "header");
    }
}
