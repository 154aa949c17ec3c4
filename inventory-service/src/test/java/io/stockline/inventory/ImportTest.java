package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;

/** Spreadsheet imports: a dry run changes nothing, bad rows are reported and skipped, re-importing changes nothing. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ImportTest {

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    static Response importCsv(String kind, String csv, boolean dryRun) {
        return given().contentType("text/csv").body(csv).log().ifValidationFails().queryParam("dryRun", dryRun).post("/api/v1/imports/" + kind).then().log().ifError().extract().response();
    }

    @Test
    void itemsWithBadRowsDryRunThenImportThenReimport() {
        String a = Api.unique("IMP");
        String b = Api.unique("IMP");
        String c = Api.unique("IMP");
        String csv = """
                sku,name,lotTracked,backorderAllowed,unitCost
                %s,"Mug, blue",false,,2.50
                %s,,false,,
                %s,Plate,maybe,,
                %s,Bowl,true,true,
                %s,Cup,,,-1
                """.formatted(a, Api.unique("IMP"), Api.unique("IMP"), b, c);

        JsonPath dry = importCsv("items", csv, true).then().statusCode(200).extract().jsonPath();
        assertThat(dry.getBoolean("dryRun")).isTrue();
        assertThat(dry.getInt("rows")).isEqualTo(5);
        assertThat(dry.getInt("applied")).isEqualTo(2);
        assertThat(dry.getInt("rejected")).isEqualTo(3);
        assertThat(dry.getList("problems.row", Integer.class)).containsExactly(3, 4, 6);
        assertThat(dry.getList("problems.column", String.class)).containsExactly("name", "lotTracked", "unitCost");
        given().get("/api/v1/items/" + a).then().statusCode(404);

        JsonPath real = importCsv("items", csv, false).then().statusCode(200).extract().jsonPath();
        assertThat(real.getInt("applied")).isEqualTo(2);
        assertThat(real.getInt("rejected")).isEqualTo(3);
        given().get("/api/v1/items/" + a).then().statusCode(200).body("name", equalTo("Mug, blue"));
        given().get("/api/v1/items/" + b).then().statusCode(200).body("lotTracked", equalTo(true))
                .body("backorderAllowed", equalTo(true));
        given().get("/api/v1/items/" + c).then().statusCode(404);

        JsonPath again = importCsv("items", csv, false).then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("applied")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(2);
        assertThat(again.getInt("rejected")).isEqualTo(3);
    }

    @Test
    void openingStockIsACountAndReimportingChangesNothing() {
        String sku = Api.item();
        String other = Api.item();
        String location = Api.location();
        Api.moved("RECEIPT", other, location, 5);
        String csv = """
                sku,location,quantity
                %s,%s,12
                %s,%s,3
                %s,%s,-1
                NOPE-%s,%s,1
                %s,%s,ten
                """.formatted(sku, location, other, location, sku, location, Api.key(), location, sku, location);

        JsonPath dry = importCsv("stock", csv, true).then().statusCode(200).extract().jsonPath();
        assertThat(dry.getInt("applied")).isEqualTo(2);
        assertThat(dry.getList("problems.row", Integer.class)).containsExactly(4, 5, 6);
        assertThat(dry.getList("problems.column", String.class)).containsExactly("quantity", "sku", "quantity");
        assertThat(Api.at(sku, location)).isNull();
        assertThat(Api.at(other, location).onHand()).isEqualTo(5);

        JsonPath real = importCsv("stock", csv, false).then().statusCode(200).extract().jsonPath();
        assertThat(real.getInt("applied")).isEqualTo(2);
        assertThat(real.getInt("rejected")).isEqualTo(3);
        Api.Level level = Api.at(sku, location);
        assertThat(level.onHand()).isEqualTo(12);
        assertThat(level.available()).isEqualTo(12);
        assertThat(Api.at(other, location).onHand()).isEqualTo(3);
        Api.assertAuditConsistent();

        JsonPath again = importCsv("stock", csv, false).then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("applied")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(2);
        assertThat(Api.at(sku, location)).isEqualTo(level);
        assertThat(given().queryParam("sku", sku).get("/api/v1/ledger").then().extract().jsonPath()
                .getList("type", String.class)).containsExactly("COUNT_CORRECTION");
    }

    @Test
    void aRowWithMoreCellsThanTheHeaderIsReportedAndTheOthersImport() {
        String a = Api.unique("IMP");
        String shifted = Api.unique("IMP");
        String b = Api.unique("IMP");
        String csv = """
                sku,name
                %s,Mug
                %s,Mug, blue
                %s,Plate
                """.formatted(a, shifted, b);

        for (boolean dryRun : new boolean[] { true, false }) {
            JsonPath report = importCsv("items", csv, dryRun).then().statusCode(200).extract().jsonPath();
            assertThat(report.getInt("rows")).isEqualTo(3);
            assertThat(report.getInt("applied")).as("dry run: %s", dryRun).isEqualTo(2);
            assertThat(report.getInt("rejected")).isEqualTo(1);
            assertThat(report.getInt("problems[0].row")).isEqualTo(3);
            assertThat(report.getString("problems[0].column")).isNull();
            assertThat(report.getString("problems[0].message")).contains("3 cells").contains("header has 2");
            if (dryRun) {
                given().get("/api/v1/items/" + a).then().statusCode(404);
            }
        }
        given().get("/api/v1/items/" + a).then().statusCode(200).body("name", equalTo("Mug"));
        given().get("/api/v1/items/" + b).then().statusCode(200).body("name", equalTo("Plate"));
        given().get("/api/v1/items/" + shifted).then().statusCode(404);
    }

    @Test
    void emptyCellsBeyondTheHeaderAreAsIfAbsent() {
        String a = Api.unique("IMP");
        String b = Api.unique("IMP");
        String c = Api.unique("IMP");
        String csv = "sku,name,unitCost\n" + a + ",Cup,1.50,\n" + b + ",Saucer,,,\n" + c + ",Bowl,2,,3\n";

        JsonPath report = importCsv("items", csv, false).then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("applied")).isEqualTo(2);
        assertThat(report.getList("problems.row", Integer.class)).containsExactly(4);
        assertThat(report.getString("problems[0].message")).contains("5 cells").contains("header has 3");
        given().get("/api/v1/items/" + a).then().statusCode(200).body("name", equalTo("Cup"));
        given().get("/api/v1/items/" + b).then().statusCode(200).body("name", equalTo("Saucer"));
        given().get("/api/v1/items/" + c).then().statusCode(404);
    }

    @Test
    void aFileWithoutTheNeededColumnsOrOfAnUnknownKindIsAProblem() {
        assertProblem(importCsv("stock", "sku,quantity\nA,1\n", false), 400, "header");
        assertProblem(importCsv("items", "", false), 400, "header");
        assertProblem(importCsv("widgets", "sku\n", false), 404, "kind");
    }
}
