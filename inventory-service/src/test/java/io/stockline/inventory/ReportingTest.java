package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import io.stockline.testsupport.StocklineTestResource;

/**
 * The KPIs and reports against a small data set computed by hand, at a location of its own (the tests share one
 * database), all of it today:
 * <pre>
 * A: purchase orders 10 @ 2.00 and 10 @ 3.00, both received; sale of 15           -> on hand 5
 *    moving average: (10 x 2.00 + 10 x 3.00) / 20 = 2.50; value 5 x 2.50 = 12.50; COGS 15 x 2.50 = 37.50
 *    FIFO: the sale takes the 10 @ 2.00 and 5 of the 10 @ 3.00; value 5 x 3.00 = 15.00
 *    cycle count: 5 counted of the 5 expected, accurate; nothing posted
 * B: item cost 4.00, receipt of 4 (no order: the item's cost), sale of 4          -> on hand 0, available 0
 *    COGS 4 x 4.00 = 16.00; the day ends with nothing available: a stockout day
 * C: item cost 1.50, receipt of 6, never sold                                      -> on hand 6
 *    cycle count: 5 counted of the 6 expected, 1 off (1 unit: within the recount tolerance of 2 units, so no
 *    recount), approved: COUNT_CORRECTION -1                                      -> on hand 5, dead stock
 *    the correction is no sale and no receipt: the moving average stays 1.50, FIFO takes the unit from the only
 *    layer (6 @ 1.50 -> 5 @ 1.50); value 5 x 1.50 = 7.50 (moving average and FIFO alike)
 *
 * KPIs of today at the location:
 *   accuracy           2 counted (A, C), 1 within tolerance (exact: A)       = 50.0 %
 *                      (counting's report: 1 unit off, 1 x 1.50 = 1.50 off in value)
 *   stockout rate      1 stockout day (B) / 3 SKU-location-days              = 33.3 %
 *   units sold 15 + 4 = 19; received 20 + 4 + 6 = 30 (the count is not a receipt); opening on hand 0
 *   on hand            5 + 0 + 5                                             = 10
 *   average on hand    (5 + 0 + 5) / 1 day                                   = 10.00
 *   average inv. value 5 x 2.50 + 0 x 4.00 + 5 x 1.50 = 12.50 + 7.50         = 20.00
 *   COGS               37.50 + 16.00 (the count is no sale)                  = 53.50
 *   turnover           53.50 / 20.00 = 2.675, half up                        = 2.68
 *   days on hand       10 average / (19 sold / 1 day) = 0.526                = 0.53
 *   sell-through       19 / (30 + 0) = 63.33                                 = 63.3 %
 *   valuation          moving average 12.50 + 0 + 7.50 = 20.00; FIFO 15.00 + 0 + 7.50 = 22.50
 *   dead stock (90 d)  C only: 1 SKU, 5 on hand, 7.50; aging: all 22.50 in 0-30 days
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ReportingTest {

    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    private static String location;
    private static String a;
    private static String b;
    private static String c;

    /** Made once, by the first test (the application is not up before it). */
    @BeforeEach
    void handComputedDataSet() {
        if (location != null) {
            return;
        }
        location = Api.location();
        a = Api.item();
        b = item("4.00");
        c = item("1.50");
        String supplier = Purchasing.supplier(false);
        for (String cost : List.of("2.00", "3.00")) {
            String number = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(a, 10, cost)));
            Purchasing.send(number);
            Purchasing.receive(number, Api.key(), List.of(Purchasing.arrived(a, 10, 0))).then().statusCode(201);
        }
        Api.moved("SALE", a, location, 15);
        Api.moved("RECEIPT", b, location, 4);
        Api.moved("SALE", b, location, 4);
        Api.moved("RECEIPT", c, location, 6);
        // Cycle counts at the location, after every movement: A agrees, C is one short.
        Counting.propose(location);
        assertThat(Counting.counted(Counting.taskOf(a, location), 5)).isEqualTo("AWAITING_APPROVAL");
        Counting.approve(Counting.taskOf(a, location)).then().statusCode(200).body("decision.correction", equalTo(0));
        assertThat(Counting.counted(Counting.taskOf(c, location), 5)).isEqualTo("AWAITING_APPROVAL");
        Counting.approve(Counting.taskOf(c, location)).then().statusCode(200).body("decision.correction", equalTo(-1));
    }

    private static String item(String unitCost) {
        String sku = Api.unique("SKU");
        given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Item " + sku, "unitCost", new BigDecimal(unitCost)))
                .post("/api/v1/items").then().statusCode(201);
        return sku;
    }

    private static RequestSpecification decimals() {
        return given().config(RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .queryParam("location", location);
    }

    private static org.hamcrest.Matcher<BigDecimal> is(String value) {
        return comparesEqualTo(new BigDecimal(value));
    }

    @Test
    void theKpisOfTheDayAreTheOnesComputedByHand() {
        decimals().queryParam("from", TODAY).queryParam("to", TODAY).get("/api/v1/reports/kpis").then()
                .statusCode(200)
                .body("days", equalTo(1))
                .body("accuracyCounted", equalTo(2)).body("accuracyAccurate", equalTo(1))
                .body("accuracyPercent", is("50.0"))
                .body("skuLocationDays", equalTo(3)).body("stockoutDays", equalTo(1))
                .body("stockoutRatePercent", is("33.3"))
                .body("unitsSold", equalTo(19)).body("unitsReceived", equalTo(30)).body("openingOnHand", equalTo(0))
                .body("averageOnHand", is("10.00")).body("averageInventoryValue", is("20.00"))
                .body("costOfGoodsSold", is("53.50")).body("turnover", is("2.68"))
                .body("daysOfInventoryOnHand", is("0.53")).body("sellThroughPercent", is("63.3"))
                .body("onHand", equalTo(10))
                .body("movingAverageValue", is("20.00")).body("fifoValue", is("22.50"))
                .body("deadStockDays", equalTo(90)).body("deadStockSkus", equalTo(1)).body("deadStockValue", is("7.50"))
                .body("aged0to30Value", is("22.50")).body("aged31to90Value", is("0.00"))
                .body("aged91to180Value", is("0.00")).body("agedOver180Value", is("0.00"));
    }

    @Test
    void countingsAccuracyShowsHowFarOffTheCountsWere() {
        decimals().queryParam("from", TODAY).queryParam("to", TODAY).queryParam("by", "location")
                .get("/api/v1/counting/accuracy").then().statusCode(200)
                .body("periods", hasSize(1)).body("periods[0].group", equalTo(location))
                .body("periods[0].counted", equalTo(2)).body("periods[0].accurate", equalTo(1))
                .body("periods[0].accuracyPercent", is("50.0"))
                .body("periods[0].unitsDiscrepancy", equalTo(1))
                .body("periods[0].valueDiscrepancy", is("1.50"));
    }

    @Test
    void valuationByMovingAverageAndFifo() {
        var rows = decimals().get("/api/v1/reports/valuation").then().statusCode(200)
                .body("", hasSize(2)).extract().jsonPath();
        Map<String, Object> rowA = row(rows.getList(""), a);
        assertThat(rowA.get("quantity")).isEqualTo(5);
        assertThat((BigDecimal) rowA.get("movingAverageUnitCost")).isEqualByComparingTo("2.50");
        assertThat((BigDecimal) rowA.get("movingAverageValue")).isEqualByComparingTo("12.50");
        assertThat((BigDecimal) rowA.get("fifoValue")).isEqualByComparingTo("15.00");
        Map<String, Object> rowC = row(rows.getList(""), c);
        assertThat(rowC.get("quantity")).isEqualTo(5);
        assertThat((BigDecimal) rowC.get("movingAverageUnitCost")).isEqualByComparingTo("1.50");
        assertThat((BigDecimal) rowC.get("movingAverageValue")).isEqualByComparingTo("7.50");
        assertThat((BigDecimal) rowC.get("fifoValue")).isEqualByComparingTo("7.50");
    }

    @Test
    void sellThroughOfOneSkuIsSoldOverReceivedPlusOpening() {
        // A alone at a location of its own would read 15 / 20 = 75 %: movers show its 15 units, the KPIs its 20 in.
        decimals().queryParam("limit", 1).get("/api/v1/reports/movers").then().statusCode(200)
                .body("fast", hasSize(1)).body("fast[0].sku", equalTo(a)).body("fast[0].unitsSold", equalTo(15))
                .body("slow[0].sku", equalTo(c)).body("slow[0].unitsSold", equalTo(0));
    }

    @Test
    void agingPutsTodaysLayersInTheFirstBucket() {
        var rows = decimals().get("/api/v1/reports/aging").then().statusCode(200).extract().jsonPath();
        Map<String, Object> rowA = row(rows.getList(""), a);
        assertThat(rowA.get("units0to30")).isEqualTo(5);
        assertThat((BigDecimal) rowA.get("value0to30")).isEqualByComparingTo("15.00");
        assertThat(rowA.get("unitsOver180")).isEqualTo(0);
        Map<String, Object> rowC = row(rows.getList(""), c);
        assertThat(rowC.get("units0to30")).isEqualTo(5);
        assertThat((BigDecimal) rowC.get("value0to30")).isEqualByComparingTo("7.50");
    }

    @Test
    void deadStockIsWhatIsOnHandAndNeverSold() {
        decimals().get("/api/v1/reports/dead-stock").then().statusCode(200)
                .body("", hasSize(1)).body("[0].sku", equalTo(c)).body("[0].onHand", equalTo(5))
                .body("[0].lastSale", nullValue()).body("[0].movingAverageValue", is("7.50"));
    }

    @Test
    void abcClassesComeFromCounting() {
        given().queryParam("limit", 5).get("/api/v1/reports/abc").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.lessThanOrEqualTo(5));
    }

    @Test
    void everyReportAnswersCsvByFormatOrByAccept() {
        String valuation = given().queryParam("location", location).queryParam("format", "csv")
                .get("/api/v1/reports/valuation").then().statusCode(200)
                .header("Content-Type", startsWith("text/csv")).extract().asString();
        List<String> lines = valuation.lines().toList();
        assertThat(lines.get(0)).isEqualTo("sku,quantity,movingAverageUnitCost,movingAverageValue,fifoValue");
        assertThat(lines).contains(a + ",5,2.5000,12.50,15.00", c + ",5,1.5000,7.50,7.50").hasSize(3);

        String kpis = given().queryParam("location", location).header("Accept", "text/csv")
                .get("/api/v1/reports/kpis").then().statusCode(200)
                .header("Content-Type", startsWith("text/csv")).extract().asString();
        assertThat(kpis.lines().toList()).hasSize(2);
        assertThat(kpis.lines().findFirst().orElseThrow()).startsWith("from,to,location,days,accuracyCounted,");

        for (String report : List.of("aging", "dead-stock", "movers", "abc")) {
            String csv = given().queryParam("location", location).queryParam("format", "csv")
                    .get("/api/v1/reports/" + report).then().statusCode(200)
                    .header("Content-Type", startsWith("text/csv")).extract().asString();
            assertThat(csv.lines().findFirst().orElseThrow()).as(report).startsWith("s");
        }
        String movers = given().queryParam("location", location).queryParam("format", "csv")
                .get("/api/v1/reports/movers").then().extract().asString();
        assertThat(movers.lines().toList()).first().isEqualTo("speed,rank,sku,unitsSold,onHand");
        assertThat(movers.lines().toList()).contains("FAST,1," + a + ",15,5", "SLOW,1," + c + ",0,5");
    }

    @Test
    void badInputIsA400NamingTheField() {
        Api.assertProblem(given().queryParam("from", "yesterday").get("/api/v1/reports/kpis"), 400, "from");
        Api.assertProblem(given().queryParam("to", "2020-13-01").get("/api/v1/reports/kpis"), 400, "to");
        Api.assertProblem(given().queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/api/v1/reports/kpis"), 400, "from");
        Api.assertProblem(given().queryParam("to", LocalDate.now(ZoneOffset.UTC).plusDays(2).toString())
                .get("/api/v1/reports/movers"), 400, "to");
        Api.assertProblem(given().queryParam("from", "2000-01-01").get("/api/v1/reports/kpis"), 400, "from");
        Api.assertProblem(given().queryParam("format", "xml").get("/api/v1/reports/valuation"), 400, "format");
        Api.assertProblem(given().queryParam("days", 0).get("/api/v1/reports/dead-stock"), 400, "days");
        Api.assertProblem(given().queryParam("deadDays", "x").get("/api/v1/reports/kpis"), 400, "deadDays");
        Api.assertProblem(given().queryParam("limit", 0).get("/api/v1/reports/movers"), 400, "limit");
        Api.assertProblem(given().queryParam("limit", 10_001).get("/api/v1/reports/abc"), 400, "limit");
        Api.assertProblem(given().queryParam("location", Api.unique("NOWHERE")).get("/api/v1/reports/aging"), 404,
                "location");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(List<Object> rows, String sku) {
        return rows.stream().map(r -> (Map<String, Object>) r).filter(r -> sku.equals(r.get("sku"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + sku + " in " + rows));
    }

}
