package io.stockline.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every service must do with a bad token: one for another audience, expired, past the maximum age or signed
 * with another key gets 401 with the Bearer challenge, never data; a good admin token gets 200. A service's
 * {@code @QuarkusTest} extends this and names a GET an admin may call.
 */
public abstract class TokenRefusals {

    private final String path;

    protected TokenRefusals(String path) {
        this.path = path;
    }

    static Stream<Arguments> refusedAdminTokens() {
        return Tokens.refused("admin").entrySet().stream().map(token -> Arguments.of(token.getKey(), token.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stockline.testsupport.TokenRefusals#refusedAdminTokens")
    void refusesTheToken(String what, String token) {
        given().auth().oauth2(token).get(path)
                .then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void acceptsAGoodTokenForThisAudience() {
        given().auth().oauth2(Tokens.mint("admin")).get(path).then().statusCode(200);
    }
}
