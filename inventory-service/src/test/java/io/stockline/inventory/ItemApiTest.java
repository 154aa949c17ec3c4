package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;

/** The catalog: items by SKU and by barcode; a barcode belongs to one item. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ItemApiTest {

    @org.junit.jupiter.api.AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static Response create(Map<String, Object> item) {
        return given().contentType(ContentType.JSON).body(item).post("/api/v1/items");
    }

    @Test
    void anItemIsReadBackAsItWasCreated() {
        String sku = unique("SKU");
        String barcode = unique("EAN");
        create(Map.of("sku", sku, "name", "Blue mug", "barcodes", List.of(barcode), "kind", "DROPSHIP",
                "lotTracked", true, "backorderAllowed", true, "unitCost", 3.25))
                .then().statusCode(201).body("sku", equalTo(sku));

        given().get("/api/v1/items/" + sku).then().statusCode(200)
                .body("sku", equalTo(sku)).body("name", equalTo("Blue mug"))
                .body("barcodes", contains(barcode)).body("kind", equalTo("DROPSHIP"))
                .body("status", equalTo("ACTIVE")).body("lotTracked", equalTo(true))
                .body("backorderAllowed", equalTo(true)).body("unitCost", equalTo(3.25f));
    }

    @Test
    void aNewItemIsStandardWithoutBarcodesUnlessToldOtherwise() {
        String sku = unique("SKU");
        create(Map.of("sku", sku, "name", "Plain")).then().statusCode(201);
        given().get("/api/v1/items/" + sku).then().statusCode(200)
                .body("kind", equalTo("STANDARD")).body("barcodes.size()", equalTo(0))
                .body("lotTracked", equalTo(false)).body("backorderAllowed", equalTo(false));
    }

    @Test
    void anItemIsFoundByAnyOfItsBarcodes() {
        String sku = unique("SKU");
        String ean = unique("EAN");
        String upc = unique("UPC");
        create(Map.of("sku", sku, "name", "Two codes", "barcodes", List.of(ean, upc))).then().statusCode(201);
        create(Map.of("sku", unique("SKU"), "name", "Neighbour", "barcodes", List.of(unique("EAN"))))
                .then().statusCode(201);

        for (String barcode : List.of(ean, upc)) {
            given().queryParam("barcode", barcode).get("/api/v1/items").then().statusCode(200)
                    .body("size()", equalTo(1)).body("[0].sku", equalTo(sku));
        }
        given().queryParam("barcode", unique("NONE")).get("/api/v1/items").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aSearchFindsItemsBySkuStartNamePartOrWholeBarcodeSkuMatchesFirst() {
        String stem = unique("FIND").toLowerCase(java.util.Locale.ROOT);
        String bySku = stem.toUpperCase(java.util.Locale.ROOT) + "-A";
        String byName = unique("OTHER");
        String byBarcode = unique("CODE");
        String barcode = unique("EAN");
        create(Map.of("sku", bySku, "name", "Plain item")).then().statusCode(201);
        create(Map.of("sku", byName, "name", "Cup called " + stem + " too")).then().statusCode(201);
        create(Map.of("sku", byBarcode, "name", "Coded", "barcodes", List.of(barcode))).then().statusCode(201);
        create(Map.of("sku", unique("MISS"), "name", "Unrelated 100%_!")).then().statusCode(201);

        given().queryParam("q", stem).get("/api/v1/items").then().statusCode(200)
                .body("sku", contains(bySku, byName));
        given().queryParam("q", stem).queryParam("limit", 1).get("/api/v1/items").then().statusCode(200)
                .body("sku", contains(bySku));
        given().queryParam("q", barcode).get("/api/v1/items").then().statusCode(200).body("sku", contains(byBarcode));
        // LIKE's wildcards are searched for as text, not as patterns
        given().queryParam("q", stem + "%").get("/api/v1/items").then().statusCode(200).body("size()", equalTo(0));
        given().queryParam("q", "_" + stem.substring(1)).get("/api/v1/items").then().statusCode(200)
                .body("size()", equalTo(0));
        assertProblem(given().queryParam("q", stem).queryParam("limit", 0).get("/api/v1/items"), 400, "limit");
    }

    @Test
    void aBarcodeLookupNeedsABarcode() {
        assertProblem(given().get("/api/v1/items"), 422, "barcode");
        assertProblem(given().queryParam("barcode", " ").get("/api/v1/items"), 422, "barcode");
    }

    @Test
    void aBarcodeUsedByAnotherItemIsAConflictAndTheItemIsNotCreated() {
        String owner = unique("SKU");
        String barcode = unique("EAN");
        create(Map.of("sku", owner, "name", "Owner", "barcodes", List.of(barcode))).then().statusCode(201);

        String other = unique("SKU");
        assertProblem(create(Map.of("sku", other, "name", "Other", "barcodes", List.of(unique("EAN"), barcode))),
                409, "barcodes[1]");
        assertProblem(given().get("/api/v1/items/" + other), 404, "sku");
        given().queryParam("barcode", barcode).get("/api/v1/items").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].sku", equalTo(owner));
    }

    @Test
    void aBarcodeListedTwiceIsRefusedAndTheItemIsNotCreated() {
        String sku = unique("SKU");
        String barcode = unique("EAN");
        assertProblem(create(Map.of("sku", sku, "name", "Twice", "barcodes", List.of(barcode, barcode))),
                422, "barcodes[1]");
        assertProblem(given().get("/api/v1/items/" + sku), 404, "sku");
        given().queryParam("barcode", barcode).get("/api/v1/items").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void anUnknownSkuIsNotFound() {
        assertProblem(given().get("/api/v1/items/" + unique("NOSUCH")), 404, "sku");
    }
}
