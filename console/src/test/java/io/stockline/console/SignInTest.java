package io.stockline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stockline.testsupport.Tokens;

/**
 * Signing in: a pasted token is checked as the services check it and kept in an HttpOnly, SameSite=Strict cookie;
 * a refused one signs nobody in and says why without echoing it; the development sign-in mints one per role.
 */
@QuarkusTest
@QuarkusTestResource(value = ServicesStub.class, restrictToAnnotatedClass = true)
class SignInTest {

    @Test
    void aGoodTokenSignsInWithAnHttpOnlyStrictCookie() {
        String token = Tokens.mint("operator");
        Response answer = Session.as(null).post("/sign-in", Map.of("token", token));
        answer.then().statusCode(303).header("Location", containsString("/overview"));
        assertThat(answer.headers().getValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("stockline-session=" + token + ";").contains("HttpOnly", "SameSite=Strict", "Path=/"));
        Session.as("operator").request().cookie("stockline-session", answer.cookie("stockline-session")).get("/stock")
                .then().statusCode(200).body(containsString("test-operator"));
    }

    @Test
    void everyTokenTheServicesRefuseSignsNobodyIn() {
        Map<String, String> refused = new java.util.LinkedHashMap<>(Tokens.refused("admin"));
        refused.put("not a token", "hello");
        refused.forEach((what, token) -> {
            Response answer = Session.as(null).post("/sign-in", Map.of("token", token));
            answer.then().statusCode(401).body(containsString("not valid for the console"));
            assertThat(answer.cookie("stockline-session")).as(what).isNull();
            assertThat(answer.body().asString()).as(what).doesNotContain(token);
        });
    }

    @Test
    void theDevelopmentSignInGivesTheRoleAskedFor() {
        for (String role : ConsoleRolesTest.ROLES) {
            Response answer = Session.as(null).post("/sign-in/development", Map.of("role", role));
            answer.then().statusCode(303);
            Session.as(null).request().cookie("stockline-session", answer.cookie("stockline-session")).get("/stock")
                    .then().statusCode(200).body(containsString("local-" + role));
        }
        Session.as(null).post("/sign-in/development", Map.of("role", "root")).then().statusCode(400);
    }

    @Test
    void aSessionWhoseTokenExpiredIsSentToSignInAndItsCookieCleared() {
        Response answer = Session.as(null).request()
                .cookie("stockline-session", Tokens.refused("operator").get("expired")).get("/stock");
        answer.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/sign-in"));
        assertThat(answer.headers().getValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("stockline-session=;").contains("Max-Age=0"));
    }

    @Test
    void signingOutClearsTheSession() {
        Response answer = Session.as("viewer").post("/sign-out", Map.of());
        answer.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/sign-in"));
        assertThat(answer.headers().getValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("stockline-session=;").contains("Max-Age=0"));
    }
}
