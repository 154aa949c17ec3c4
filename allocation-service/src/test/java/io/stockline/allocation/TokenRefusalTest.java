package io.stockline.allocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/** A token for another audience, expired, past the maximum age or signed with another key gets 401, never data. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class TokenRefusalTest {

    static Stream<Arguments> refusedAdminTokens() {
        return Tokens.refused("admin").entrySet().stream().map(token -> Arguments.of(token.getKey(), token.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAdminTokens")
    void refusesTheToken(String what, String token) {
        given().auth().oauth2(token).get("/api/v1/routing/webshop")
                .then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void acceptsAGoodTokenForThisAudience() {
        given().auth().oauth2(Tokens.mint("admin")).get("/api/v1/routing/webshop").then().statusCode(200);
    }
}
