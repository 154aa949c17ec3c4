package io.stockline.allocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * What FuzzTest found, one regression test each: a NUL character in a path or body text reached PostgreSQL, which
 * refused it (SQLSTATE 22021), and the service answered 500; it is bad input, a 400 problem.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class FuzzFindingsTest {

    @Test
    void aNulInAnOrderIdIsABadRequestNotAServerError() {
        given().auth().oauth2(Tokens.mint("viewer")).urlEncodingEnabled(false).get("/api/v1/allocations/a%00b")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("0x00"));
    }

    @Test
    void aNulInAChannelOfRoutingIsABadRequestNotAServerError() {
        given().auth().oauth2(Tokens.mint("viewer")).urlEncodingEnabled(false).get("/api/v1/routing/%00")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aNulInThePreviewedChannelIsABadRequestNotAServerError() {
        given().auth().oauth2(Tokens.mint("viewer")).contentType("application/json")
                .body("{\"channel\":\"\\u0000\",\"orderId\":\"SHOP-1001\",\"lines\":[{\"line\":0,\"quantity\":2,\"sku\":\"TSHIRT-RED-M\"}]}")
                .post("/api/v1/allocations/preview").then().statusCode(400).contentType("application/problem+json");
    }
}
