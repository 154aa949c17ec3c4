package io.stockline.channel;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.OpenApiDocuments;
import io.stockline.testsupport.StocklineTestResource;

/** What /q/openapi serves is deploy/openapi/channel-connector-service.json, so a change to the API shows in review. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class OpenApiDocumentTest {

    @Test
    void servesTheCommittedDocument() {
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        OpenApiDocuments.assertMatchesCommitted("channel-connector-service", served);
    }

    /** Every operation it serves, a new one too, gives what issue 21 asks (before the lead refreshes the file). */
    @Test
    void everyOperationIsDocumentedForIntegrators() {
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        OpenApiDocuments.assertConforms("channel-connector-service", served);
    }
}
