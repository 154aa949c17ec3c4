package io.stockline.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.stockline.testsupport.Tokens;

/** A browser's session as RestAssured plays it: the session cookie, and the CSRF cookie and field a page hands out. */
record Session(String token, String csrfCookie, String csrfField) {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** Signed in as {@code role} (null: nobody), with the CSRF token of a freshly loaded page. */
    static Session as(String role) {
        String token = role == null ? null : Tokens.mint(role);
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request.cookie("stockline-session", token);
        }
        Response page = request.get(token == null ? "/sign-in" : "/stock");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher field = CSRF_FIELD.matcher(page.body().asString());
        assertThat(field.find()).as("a CSRF field on the page").isTrue();
        return new Session(token, page.cookie("csrf-token"), field.group(1));
    }

    RequestSpecification request() {
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request.cookie("stockline-session", token);
        }
        return request;
    }

    /** A form post carrying the CSRF token, as the page's own form would. */
    Response post(String path, Map<String, ?> fields) {
        return request().cookie("csrf-token", csrfCookie).contentType("application/x-www-form-urlencoded")
                .formParams(fields).formParam("csrf-token", csrfField).post(path);
    }
}
