package io.stockline.console;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stockline.testsupport.InjectWireMock;

/**
 * ConsoleRolesTest's pattern for the overview, purchasing, planning and alert subscription pages: every route against
 * nobody, viewer, operator and admin (sign-in redirect, 200, 403 with no service call, the service call with the
 * person's token); forms without the page's CSRF token refused; the forms a page offers per role; and each page's
 * refusals beside their fields.
 */
@QuarkusTest
@QuarkusTestResource(value = ServicesStub.class, restrictToAnnotatedClass = true)
class PlanningPagesRolesTest {

    static final List<String> ROLES = ConsoleRolesTest.ROLES;

    @InjectWireMock
    WireMockServer services;

    @BeforeEach
    void forgetCalls() {
        services.resetRequests();
    }

    @AfterEach
    void backToDefaults() {
        services.resetAll();
        new ServicesStub().stubDefaults(services);
    }

    static Stream<Arguments> pages() {
        return Stream.of("/overview", "/overview?from=2026-11-01&to=2026-11-30", "/purchasing",
                "/purchasing?status=DRAFT", "/purchasing/" + PlanningStubs.PO, "/planning", "/planning?location=WH-1",
                "/planning/items/" + ServicesStub.SKU, "/alerts/subscriptions",
                "/alerts/subscriptions?edit=" + PlanningStubs.SUBSCRIPTION).map(Arguments::of);
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("pages")
    void aPageSendsNobodyToSignInAndShowsEveryRole(String page) {
        Session.as(null).request().get(page).then().statusCode(303).header("Location", endsWith("/sign-in"));
        for (String role : ROLES) {
            Session.as(role).request().get(page).then().statusCode(200).contentType(startsWith("text/html"));
        }
    }

    /** Each write, the least role that may do it, its form's fields, and the service call it makes. */
    static Stream<Arguments> writes() {
        String po = "/purchasing/" + PlanningStubs.PO;
        String api = "/api/v1/purchase-orders/" + PlanningStubs.PO;
        Map<String, String> subscription = Map.of("name", "ops mail", "channel", "EMAIL", "target", "ops@example.com",
                "kinds", "LOW_STOCK");
        return Stream.of(
                Arguments.of(po + "/receipts", "operator",
                        Map.of("sku", "MUG-1", "quantity", "5", "damaged", "", "lot", "", "expiresOn", "",
                                "idempotencyKey", "console-r1"),
                        RequestMethod.POST, api + "/receipts"),
                Arguments.of(po + "/send", "admin", Map.of(), RequestMethod.POST, api + "/send"),
                Arguments.of(po + "/close", "admin", Map.of(), RequestMethod.POST, api + "/close"),
                Arguments.of(po + "/cancel", "admin", Map.of(), RequestMethod.POST, api + "/cancel"),
                Arguments.of("/planning/suppliers/ACME/purchase-orders", "operator", Map.of(), RequestMethod.POST,
                        "/api/v1/planning/suggestions/ACME/purchase-orders"),
                Arguments.of("/alerts/subscriptions", "admin", subscription, RequestMethod.POST,
                        "/api/v1/subscriptions"),
                Arguments.of("/alerts/subscriptions/" + PlanningStubs.SUBSCRIPTION, "admin", subscription,
                        RequestMethod.PUT, "/api/v1/subscriptions/" + PlanningStubs.SUBSCRIPTION),
                Arguments.of("/alerts/subscriptions/" + PlanningStubs.SUBSCRIPTION + "/delete", "admin", Map.of(),
                        RequestMethod.DELETE, "/api/v1/subscriptions/" + PlanningStubs.SUBSCRIPTION));
    }

    @ParameterizedTest(name = "POST {0} needs {1}")
    @MethodSource("writes")
    void aWriteIsRefusedBelowItsRoleAndReachesTheServiceFromIt(String path, String least, Map<String, ?> form,
            RequestMethod method, String serviceCall) {
        Session.as(null).post(path, form).then().statusCode(303).header("Location", endsWith("/sign-in"));
        for (String role : ROLES) {
            services.resetRequests();
            Session session = Session.as(role);
            services.resetRequests();
            Response answer = session.post(path, form);
            if (ROLES.indexOf(role) < ROLES.indexOf(least)) {
                answer.then().statusCode(403);
                assertThat(services.findAll(anyRequestedFor(urlPathMatching("/api/.*")))).isEmpty();
            } else {
                answer.then().statusCode(303);
                List<LoggedRequest> calls = services.findAll(anyRequestedFor(urlPathEqualTo(serviceCall)))
                        .stream().filter(call -> call.getMethod().equals(method)).toList();
                assertThat(calls).hasSize(1);
                assertThat(calls.get(0).getHeader("Authorization")).isEqualTo("Bearer " + session.token());
            }
        }
    }

    @ParameterizedTest(name = "POST {0} without the CSRF token")
    @MethodSource("writes")
    void aWriteWithoutThePagesCsrfTokenIsRefusedAndReachesNoService(String path, String least, Map<String, ?> form,
            RequestMethod method, String serviceCall) {
        Session admin = Session.as("admin");
        services.resetRequests();
        admin.request().contentType("application/x-www-form-urlencoded").formParams(form).post(path)
                .then().statusCode(400);
        admin.request().cookie("csrf-token", admin.csrfCookie()).contentType("application/x-www-form-urlencoded")
                .formParams(form).formParam("csrf-token", "forged").post(path).then().statusCode(400);
        assertThat(services.findAll(anyRequestedFor(urlPathMatching("/api/.*")))).isEmpty();
    }

    @Test
    void theFormsAPageOffersFollowTheRole() {
        String po = "/purchasing/" + PlanningStubs.PO;
        assertThat(page("viewer", po)).contains("MUG-1", "CUP-2", "class=\"outstanding\">7<")
                .doesNotContain("receive-form", "/send\"", "/close\"", "/cancel\"");
        assertThat(page("operator", po)).contains("receive-form").doesNotContain("/close\"", "/cancel\"");
        // the stubbed order is SENT: it can be closed or cancelled, not sent again
        assertThat(page("admin", po)).contains("receive-form", po + "/close\"", po + "/cancel\"")
                .doesNotContain(po + "/send\"");

        assertThat(page("viewer", "/planning")).contains("ACME", "position 2 is at or under the reorder point 5")
                .doesNotContain("/purchase-orders\"");
        assertThat(page("operator", "/planning")).contains("/planning/suppliers/ACME/purchase-orders\"");

        assertThat(page("viewer", "/alerts/subscriptions")).contains("ops mail", "ops@example.com",
                "daily digest at 08:00 UTC").doesNotContain("subscription-form", "/delete\"");
        assertThat(page("operator", "/alerts/subscriptions")).doesNotContain("subscription-form");
        assertThat(page("admin", "/alerts/subscriptions")).contains("subscription-form", "/delete\"");
        assertThat(page("viewer", "/alerts")).contains("href=\"/alerts/subscriptions\"");

        assertThat(page("viewer", "/stock")).contains("href=\"/overview\"", "href=\"/purchasing\"",
                "href=\"/planning\"");
    }

    @Test
    void signingInLandsOnTheOverview() {
        Session.as("viewer").request().get("/").then().statusCode(303).header("Location", endsWith("/overview"));
        String overview = page("viewer", "/overview");
        assertThat(overview).contains("id=\"kpi-value\">4,751.90<", "id=\"kpi-sold\">310<", "98.50 % of 40 counts",
                "3 SKUs, 120.00", "data-sku=\"CUP-2\" data-value=\"48.00\"", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        // the chart library is served from its webjar, to anyone (a static file)
        io.restassured.RestAssured.given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        io.restassured.RestAssured.given().get("/static/overview-chart.js").then().statusCode(200);
    }

    @Test
    void aRefusedPeriodIsSaidBesideItsField() {
        services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/v1/reports/kpis"))
                .atPriority(1).willReturn(ServicesStub.json(400, """
                        {"title":"Bad Request","status":400,"detail":"from: after to",
                         "violations":[{"field":"from","in":"query","message":"after to"}]}""")));
        String page = Session.as("viewer").request().get("/overview?from=2026-12-01&to=2026-11-01").then()
                .statusCode(422).extract().body().asString();
        assertThat(page).contains("id=\"from-error\">after to<", "value=\"2026-12-01\"", "data-sku=\"MUG-1\"");
    }

    @Test
    void aReceiptSendsTheFilledLinesWithTheFormsKeyAndARefusalIsShownBesideItsLine() {
        Session operator = Session.as("operator");
        String po = "/purchasing/" + PlanningStubs.PO;
        Map<String, List<String>> twoLines = Map.of("sku", List.of("MUG-1", "CUP-2"), "quantity", List.of("", "4"),
                "damaged", List.of("", "1"), "lot", List.of("", ""), "expiresOn", List.of("", ""));
        operator.request().cookie("csrf-token", operator.csrfCookie()).contentType("application/x-www-form-urlencoded")
                .formParams(twoLines).formParam("idempotencyKey", "console-po-once")
                .formParam("csrf-token", operator.csrfField()).post(po + "/receipts").then().statusCode(303)
                .header("Location", endsWith(po + "?done=received"));
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/purchase-orders/PO-1001/receipts"))
                .withHeader("Idempotency-Key", equalTo("console-po-once"))
                .withRequestBody(equalToJson("{\"lines\":[{\"sku\":\"CUP-2\",\"quantity\":4,\"damaged\":1}]}")));

        // the API names lines[0] of what was sent: that is the form's second row
        services.stubFor(post(urlPathEqualTo("/api/v1/purchase-orders/PO-1001/receipts")).atPriority(1)
                .willReturn(ServicesStub.json(409, """
                        {"title":"Conflict","status":409,"detail":"lines[0].quantity: an over-receipt",
                         "violations":[{"field":"lines[0].quantity","in":"body",
                          "message":"4 of CUP-2 ordered, 0 received already: 9 more is an over-receipt"}]}""")));
        String refused = operator.request().cookie("csrf-token", operator.csrfCookie())
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("sku", List.of("MUG-1", "CUP-2"), "quantity", List.of("", "9"), "damaged",
                        List.of("", ""), "lot", List.of("", ""), "expiresOn", List.of("", "")))
                .formParam("idempotencyKey", "console-po-twice").formParam("csrf-token", operator.csrfField())
                .post(po + "/receipts").then().statusCode(422).extract().body().asString();
        assertThat(refused).contains("id=\"quantity-1-error\">4 of CUP-2 ordered, 0 received already: 9 more is an"
                + " over-receipt<").doesNotContain("quantity-0-error").contains("value=\"9\"")
                .doesNotContain("value=\"console-po-twice\"");

        // nothing typed: said at once, and nothing is sent
        services.resetRequests();
        operator.request().cookie("csrf-token", operator.csrfCookie()).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("sku", List.of("MUG-1", "CUP-2"), "quantity", List.of("", ""), "damaged",
                        List.of("", ""), "lot", List.of("", ""), "expiresOn", List.of("", "")))
                .formParam("idempotencyKey", "console-po-none").formParam("csrf-token", operator.csrfField())
                .post(po + "/receipts").then().statusCode(422)
                .body(org.hamcrest.Matchers.containsString("Type what arrived on at least one line."));
        assertThat(services.findAll(postRequestedFor(urlPathMatching("/api/.*")))).isEmpty();
    }

    @Test
    void aReceiptSentTwiceIsSaidToBeRecordedOnce() {
        services.stubFor(post(urlPathEqualTo("/api/v1/purchase-orders/PO-1001/receipts")).atPriority(1)
                .willReturn(ServicesStub.json(200, "{\"order\":" + PlanningStubs.ORDER + ",\"replayed\":true}")));
        Session.as("operator").post("/purchasing/" + PlanningStubs.PO + "/receipts",
                Map.of("sku", "MUG-1", "quantity", "2", "idempotencyKey", "console-again")).then().statusCode(303)
                .header("Location", endsWith("?done=replayed"));
    }

    @Test
    void draftingASuppliersSuggestionsLinksTheDrafts() {
        Response answer = Session.as("operator").post("/planning/suppliers/ACME/purchase-orders",
                Map.of("location", "WH-1"));
        answer.then().statusCode(303).header("Location", endsWith("/planning?drafted=PO-1002&location=WH-1"));
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/planning/suggestions/ACME/purchase-orders"))
                .withQueryParam("location", equalTo("WH-1")));
        assertThat(page("operator", "/planning?drafted=PO-1002&location=WH-1"))
                .contains("<a href=\"/purchasing/PO-1002\">PO-1002</a>");
    }

    @Test
    void theRestockLineComesAloneToHtmxAndInAPageOtherwise() {
        Session viewer = Session.as("viewer");
        String line = viewer.request().header("HX-Request", "true").get("/planning/items/MUG-1").then().statusCode(200)
                .extract().body().asString();
        assertThat(line).startsWith("<section id=\"restock\"").doesNotContain("<html")
                .contains("expected on <strong id=\"restock-date\">2026-12-10</strong>", "medium confidence",
                        "purchase order PO-1001", "reorder at <span class=\"reorder-point\">5</span>",
                        "forecast 0.8 a day", "lead time 6.0 days (measured)");
        assertThat(viewer.request().get("/planning/items/MUG-1").body().asString()).contains("<html", "restock-line");
        assertThat(page("viewer", "/stock/MUG-1")).contains("hx-get=\"/planning/items/MUG-1\"");
    }

    @Test
    void aSubscriptionGoesToAlertServiceAsTypedAndARefusalIsShownBesideItsField() {
        Session admin = Session.as("admin");
        admin.request().cookie("csrf-token", admin.csrfCookie()).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("name", "purchasing", "channel", "WEBHOOK", "target", "https://hooks.example.com/x",
                        "secret", "s3cret", "kinds", List.of("LOW_STOCK", "OUT_OF_STOCK"), "digest", "true",
                        "digestTime", "07:30", "sku", "", "location", "WH-1"))
                .formParam("csrf-token", admin.csrfField()).post("/alerts/subscriptions").then().statusCode(303)
                .header("Location", endsWith("/alerts/subscriptions?done=created"));
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/subscriptions"))
                .withHeader("Authorization", equalTo("Bearer " + admin.token()))
                .withRequestBody(equalToJson("""
                        {"name":"purchasing","channel":"WEBHOOK","target":"https://hooks.example.com/x","secret":"s3cret",
                         "kinds":["LOW_STOCK","OUT_OF_STOCK"],"location":"WH-1","digest":true,"digestTime":"07:30",
                         "enabled":false}""")));

        // a change leaves the secret out when none is typed: the stored one stays
        admin.post("/alerts/subscriptions/" + PlanningStubs.SUBSCRIPTION, Map.of("name", "ops mail", "channel",
                "EMAIL", "target", "ops@example.com", "secret", "", "enabled", "true")).then().statusCode(303);
        services.verify(1, putRequestedFor(urlPathEqualTo("/api/v1/subscriptions/" + PlanningStubs.SUBSCRIPTION))
                .withRequestBody(equalToJson("""
                        {"name":"ops mail","channel":"EMAIL","target":"ops@example.com","kinds":[],"digest":false,
                         "enabled":true}""")));

        services.stubFor(post(urlPathEqualTo("/api/v1/subscriptions")).atPriority(1)
                .willReturn(ServicesStub.json(422, """
                        {"title":"Unprocessable","status":422,"detail":"target: leads into the deployment",
                         "violations":[{"field":"target","in":"body","message":"leads into the deployment"}]}""")));
        String refused = admin.post("/alerts/subscriptions", Map.of("name", "internal", "channel", "WEBHOOK",
                "target", "http://10.0.0.7/hook", "secret", "never-shown")).then().statusCode(422).extract().body()
                .asString();
        assertThat(refused).contains("id=\"sub-target-error\">leads into the deployment<",
                "value=\"http://10.0.0.7/hook\"", "value=\"internal\"").doesNotContain("never-shown");
        assertThat(services.findAll(matchingCall("/api/v1/subscriptions"))).isNotEmpty();
    }

    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder matchingCall(String path) {
        return postRequestedFor(urlPathEqualTo(path)).withRequestBody(matchingJsonPath("$.name", equalTo("internal")));
    }

    private static String page(String role, String path) {
        return Session.as(role).request().get(path).then().statusCode(200).extract().body().asString();
    }
}
