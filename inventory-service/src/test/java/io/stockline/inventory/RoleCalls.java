package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.stockline.testsupport.Tokens;

/**
 * The role matrix every feature's endpoints go through (RoleMatrixTest and the features' own matrices): no token
 * (401), each role below the one a call needs (403), and the least role that may make it (2xx).
 */
final class RoleCalls {

    /** One call: the least role that may make it, what it answers then, and how to send it. */
    record Call(String name, String leastRole, int success, Function<RequestSpecification, Response> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    private RoleCalls() {
    }

    /** Each call with every role below its least one. */
    static Stream<Arguments> withRolesBelow(Stream<Call> calls) {
        return calls.flatMap(call -> switch (call.leastRole()) {
            case "admin" -> Stream.of(Arguments.of(call, "viewer"), Arguments.of(call, "operator"));
            case "operator" -> Stream.of(Arguments.of(call, "viewer"));
            default -> Stream.empty();
        });
    }

    static void unauthorizedWithoutToken(Call call) {
        call.send().apply(given()).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    static void forbiddenFor(Call call, String role) {
        call.send().apply(given().header("Authorization", Tokens.bearer(role))).then().statusCode(403)
                .body("status", equalTo(403));
    }

    static void succeedsForItsLeastRole(Call call) {
        call.send().apply(given().header("Authorization", Tokens.bearer(call.leastRole()))).then()
                .statusCode(call.success());
    }
}
