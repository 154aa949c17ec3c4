package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.ImportTest.importCsv;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Stock of ours is never put at a dropship supplier's location, nor on a dropship item, by any path: the stock import,
 * transfers and purchase orders refuse them as movements do (channels would sell such stock and no reservation could
 * take it). The rules POST applies hold for the import and PATCH too.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class StockPlacesTest {

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    /** A dropship item of a new supplier, and that supplier's location (made by its first availability). */
    private record Dropship(String supplier, String sku, String location) {
        static Dropship made() {
            String supplier = Purchasing.supplier(false);
            String sku = DropshipTest.dropshipItem(supplier);
            DropshipTest.setAvailability(supplier, sku, 5).then().statusCode(200);
            return new Dropship(supplier, sku, "SUPPLIER-" + supplier);
        }
    }

    @Test
    void theStockImportRefusesASupplierLocationAndADropshipItemAndChangesNothing() {
        Dropship dropship = Dropship.made();
        String sku = Api.item();
        String warehouse = Api.location();
        String csv = """
                sku,location,quantity
                %s,%s,7
                %s,%s,3
                %s,%s,4
                """.formatted(sku, dropship.location(), dropship.sku(), warehouse, sku, warehouse);

        JsonPath report = importCsv("stock", csv, false).then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("applied")).isEqualTo(1);
        assertThat(report.getList("problems.row", Integer.class)).containsExactly(2, 3);
        assertThat(report.getList("problems.column", String.class)).containsExactly("location", "sku");
        assertThat(report.getString("problems[0].message")).contains("dropship supplier's availability");
        assertThat(report.getString("problems[1].message")).contains("is dropshipped and holds no stock");
        assertThat(Api.at(sku, dropship.location())).isNull();
        assertThat(Api.at(dropship.sku(), warehouse)).isNull();
        assertThat(Api.at(sku, warehouse).onHand()).isEqualTo(4);
        assertThat(Api.at(dropship.sku(), dropship.location()).available()).isEqualTo(5);
    }

    @Test
    void aTransferFromOrToASupplierLocationIsRefused() {
        Dropship dropship = Dropship.made();
        String sku = Api.item();
        String warehouse = Api.location();
        Api.moved("RECEIPT", sku, warehouse, 10);

        assertProblem(transfer(warehouse, dropship.location(), sku), 422, "to");
        assertProblem(transfer(dropship.location(), warehouse, sku), 422, "from");
        assertThat(Api.at(sku, warehouse).onHand()).isEqualTo(10);
        assertThat(Api.at(sku, dropship.location())).isNull();
    }

    @Test
    void aPurchaseOrderIntoASupplierLocationIsRefused() {
        Dropship dropship = Dropship.made();
        String sku = Api.item();

        assertProblem(Purchasing.create(dropship.supplier(), dropship.location(),
                List.of(Purchasing.orderLine(sku, 5, "2.00"))), 422, "location");
        assertThat(given().queryParam("supplier", dropship.supplier()).get("/api/v1/purchase-orders").then()
                .statusCode(200).extract().jsonPath().getList("number")).isEmpty();
    }

    @Test
    void aSupplierLocationsCodeIsKeptForItsSupplier() {
        String code = "SUPPLIER-" + Api.unique("X");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("code", code, "name", "Not a supplier",
                "type", "WAREHOUSE")).post("/api/v1/locations"), 422, "code");

        JsonPath report = importCsv("locations", "code,name,type\n" + code + ",Not a supplier,WAREHOUSE\n", false)
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("problems.column", String.class)).containsExactly("code");
        assertThat(given().get("/api/v1/locations").then().extract().jsonPath().getList("code", String.class))
                .doesNotContain(code);
    }

    @Test
    void aLocationsNameCannotBeChangedToBlank() {
        String code = Api.location();
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", "   "))
                .patch("/api/v1/locations/" + code), 400, "name");
        given().contentType(ContentType.JSON).body(Map.of("name", "Renamed"))
                .patch("/api/v1/locations/" + code).then().statusCode(200);
    }

    @Test
    void anItemsUnitCostHasAtMostFourDecimalsAndFitsItsColumn() {
        assertProblem(createItem("1.23456"), 400, "unitCost");
        assertProblem(createItem("1000000000000000"), 400, "unitCost");
        createItem("999999999999999.9999").then().statusCode(201);

        String sku = Api.unique("IMP");
        JsonPath report = importCsv("items", "sku,name,unitCost\n" + sku + ",Too fine,0.00001\n", false)
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("problems.column", String.class)).containsExactly("unitCost");
    }

    @Test
    void aSuppliersCodeLeavesRoomForItsDropshipLocation() {
        Map<String, Object> tooLong = Purchasing.supplierBody("S".repeat(56), false);
        assertProblem(given().contentType(ContentType.JSON).body(tooLong).post("/api/v1/suppliers"), 400, "code");

        String longest = Api.unique("S");
        longest = longest + "S".repeat(55 - longest.length());
        given().contentType(ContentType.JSON).body(Purchasing.supplierBody(longest, false))
                .post("/api/v1/suppliers").then().statusCode(201);
        String sku = DropshipTest.dropshipItem(longest);
        DropshipTest.setAvailability(longest, sku, 3).then().statusCode(200);
        assertThat(Api.at(sku, "SUPPLIER-" + longest).available()).isEqualTo(3);
    }

    private static Response transfer(String from, String to, String sku) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("from", from, "to", to, "lines", List.of(Map.of("sku", sku, "quantity", 1))))
                .post("/api/v1/transfers");
    }

    private static Response createItem(String unitCost) {
        String sku = Api.unique("COST");
        return given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Item " + sku, "unitCost", unitCost))
                .post("/api/v1/items");
    }
}
