package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;

/** CSV exports: a header row, then the rows; stock by location and by lot, the ledger by date, purchase orders by status. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ExportTest {

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static List<String> lines(Response response) {
        String body = response.then().statusCode(200).header("Content-Type", startsWith("text/csv"))
                .extract().asString();
        return List.of(body.split("\n"));
    }

    private static List<String> rowsOf(List<String> lines, String sku) {
        return lines.stream().filter(line -> line.startsWith(sku + ",")).toList();
    }

    @Test
    void stockByLocationHasEveryQuantity() {
        String location = Api.location();
        String sku = Api.item();
        Api.moved("RECEIPT", sku, location, 7);
        Api.moved("DAMAGE", sku, location, 2);

        List<String> lines = lines(given().queryParam("by", "location").get("/api/v1/exports/stock"));
        assertThat(lines.get(0)).isEqualTo(
                "sku,location,onHand,available,committed,reserved,damaged,qualityControl,safetyStock,incoming,inTransit");
        assertThat(rowsOf(lines, sku)).containsExactly(sku + "," + location + ",7,5,0,0,2,0,0,0,0");
        assertThat(lines(given().get("/api/v1/exports/stock")).get(0)).startsWith("sku,location,onHand");
    }

    @Test
    void stockByLotSplitsALotTrackedItemAndKeepsOthersWhole() {
        String location = Api.location();
        String plain = Api.item();
        Api.moved("RECEIPT", plain, location, 4);
        String tracked = Api.unique("LOT");
        given().contentType(ContentType.JSON).body(Map.of("sku", tracked, "name", "Milk", "lotTracked", true))
                .post("/api/v1/items").then().statusCode(201);
        for (String[] lot : new String[][] { { "L1", "2030-05-01" }, { "L2", "2030-06-01" } }) {
            Map<String, Object> body = new HashMap<>(Api.movement("RECEIPT", tracked, location, lot[0].equals("L1") ? 3 : 6));
            body.put("lot", lot[0]);
            body.put("expiresOn", lot[1]);
            given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(body)
                    .post("/api/v1/movements").then().statusCode(201);
        }

        List<String> lines = lines(given().queryParam("by", "lot").get("/api/v1/exports/stock"));
        assertThat(lines.get(0)).isEqualTo("sku,location,lot,expiresOn,onHand");
        assertThat(rowsOf(lines, tracked)).containsExactly(tracked + "," + location + ",L1,2030-05-01,3",
                tracked + "," + location + ",L2,2030-06-01,6");
        assertThat(rowsOf(lines, plain)).containsExactly(plain + "," + location + ",,,4");
        assertProblem(given().queryParam("by", "colour").get("/api/v1/exports/stock"), 400, "by");
    }

    @Test
    void theLedgerOfADateRange() {
        String location = Api.location();
        String sku = Api.item();
        Api.moved("RECEIPT", sku, location, 3);
        Api.moved("SALE", sku, location, 1);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        List<String> lines = lines(given().queryParam("from", today).queryParam("to", today).get("/api/v1/exports/ledger"));
        assertThat(lines.get(0)).startsWith("id,createdAt,type,sku,location,quantity,lot,expiresOn,onHand,available");
        List<String> entries = lines.stream().filter(line -> line.contains("," + sku + ",")).toList();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).contains(",RECEIPT," + sku + "," + location + ",3,,,3,3,");
        assertThat(entries.get(1)).contains(",SALE," + sku + "," + location + ",1,,,-1,-1,");
        assertThat(lines(given().get("/api/v1/exports/ledger")).stream().filter(line -> line.contains("," + sku + ",")))
                .as("the default range ends today").hasSize(2);

        List<String> past = lines(given().queryParam("from", "2020-01-01").queryParam("to", "2020-01-31")
                .get("/api/v1/exports/ledger"));
        assertThat(past).hasSize(1);

        assertProblem(given().queryParam("from", "yesterday").get("/api/v1/exports/ledger"), 400, "from");
        assertProblem(given().queryParam("to", "2026-13-01").get("/api/v1/exports/ledger"), 400, "to");
        assertProblem(given().queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/api/v1/exports/ledger"), 400, "from");
    }

    @Test
    void purchaseOrdersByStatus() {
        String location = Api.location();
        String sku = Api.item();
        String supplier = Purchasing.supplier(false);
        String draft = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(sku, 4, "2.50")));
        String sent = Purchasing.draft(supplier, location, List.of(Purchasing.orderLine(sku, 6, "2.50")));
        Purchasing.send(sent);

        List<String> drafts = lines(given().queryParam("status", "DRAFT").get("/api/v1/exports/purchase-orders"));
        assertThat(drafts.get(0)).isEqualTo("number,supplier,location,status,currency,expectedOn,line,sku,quantity,"
                + "unitCost,received,damaged,outstanding");
        assertThat(drafts).anyMatch(line -> line.startsWith(draft + "," + supplier + "," + location + ",DRAFT,"))
                .noneMatch(line -> line.startsWith(sent + ","));
        List<String> all = lines(given().get("/api/v1/exports/purchase-orders"));
        assertThat(all.stream().filter(line -> line.startsWith(sent + ",")).findFirst().orElseThrow())
                .contains(",SENT,").contains("," + sku + ",6,").endsWith(",0,0,6");
        assertProblem(given().queryParam("status", "LOST").get("/api/v1/exports/purchase-orders"), 400, "status");
    }

    @Test
    void anExportLargerThanAPageIsWhole() {
        String location = Api.location();
        StringBuilder csv = new StringBuilder("sku,name\n");
        StringBuilder counts = new StringBuilder("sku,location,quantity\n");
        String prefix = Api.unique("EXP");
        for (int i = 0; i < 2_500; i++) {
            csv.append(prefix).append('-').append(i).append(",Exported\n");
            counts.append(prefix).append('-').append(i).append(',').append(location).append(",2\n");
        }
        ImportTest.importCsv("items", csv.toString(), false).then().statusCode(200);
        ImportTest.importCsv("stock", counts.toString(), false).then().statusCode(200);

        List<String> lines = lines(given().get("/api/v1/exports/stock"));
        assertThat(lines.stream().filter(line -> line.startsWith(prefix))).hasSize(2_500);
        assertThat(lines.stream().filter(line -> line.startsWith("sku,"))).hasSize(1);
    }
}
