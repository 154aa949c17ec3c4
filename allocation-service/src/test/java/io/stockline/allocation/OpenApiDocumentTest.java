package io.stockline.allocation;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.OpenApiDocuments;
import io.stockline.testsupport.StocklineTestResource;

/** What /q/openapi serves is deploy/openapi/allocation-service.json, so a change to the API shows in review. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class OpenApiDocumentTest {

    @Test
    void servesTheCommittedDocument() {
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        OpenApiDocuments.assertMatchesCommitted("allocation-service", served);
    }

    /** Every operation it serves, a new one too, gives what issue 21 asks (before the lead refreshes the file). */
    @Test
    void everyOperationIsDocumentedForIntegrators() {
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        OpenApiDocuments.assertConforms("allocation-service", served);
    }
}
