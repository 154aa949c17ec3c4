package io.stockline.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stockline.testsupport.InjectWireMock;

/**
 * Every console route against every role: nobody is sent to sign in, a viewer reads, an operator receives and
 * acknowledges, an admin also adjusts and reconciles; below that, 403 and nothing reaches the services. A viewer's
 * pages show no write buttons. Every form post needs the page's CSRF token.
 */
@QuarkusTest
@QuarkusTestResource(value = ServicesStub.class, restrictToAnnotatedClass = true)
class ConsoleRolesTest {

    static final List<String> ROLES = List.of("viewer", "operator", "admin");

    @InjectWireMock
    WireMockServer services;

    @BeforeEach
    void forgetCalls() {
        services.resetRequests();
    }

    static Stream<Arguments> pages() {
        return Stream.of("/stock", "/stock?q=mug", "/stock/" + ServicesStub.SKU, "/channels",
                "/alerts", "/alerts?status=RESOLVED", "/transfers", "/orders", "/orders?status=BACKORDERED",
                "/orders?orderId=" + ServicesStub.BACKORDERED_ORDER, "/channels/ebay").map(Arguments::of);
    }

    /** The channels page's own refresh (htmx) gets the table alone, for every role, and nobody gets it unsigned. */
    @Test
    void theChannelsPagesRefreshIsItsTableAlone() {
        Session.as(null).request().header("HX-Request", "true").get("/channels").then().statusCode(303);
        for (String role : ROLES) {
            String table = Session.as(role).request().header("HX-Request", "true").get("/channels").then()
                    .statusCode(200).extract().asString();
            assertThat(table.strip()).startsWith("<div id=\"channels-table\"").doesNotContain("<html", "<nav");
        }
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("pages")
    void aPageSendsNobodyToSignInAndShowsEveryRole(String page) {
        Session.as(null).request().get(page).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/sign-in"));
        for (String role : ROLES) {
            Session.as(role).request().get(page).then().statusCode(200)
                    .contentType(org.hamcrest.Matchers.startsWith("text/html"));
        }
    }

    /** Each write, the least role that may do it, its form's fields, and the service call it makes. */
    static Stream<Arguments> writes() {
        return Stream.of(
                Arguments.of("/stock/MUG-1/receipts", "operator",
                        Map.of("location", "WH-1", "quantity", "5", "idempotencyKey", "console-k1"),
                        "/api/v1/movements", 303),
                Arguments.of("/stock/MUG-1/adjustments", "admin",
                        Map.of("location", "WH-1", "quantity", "-1", "reasonCode", "LOST", "idempotencyKey",
                                "console-k2"),
                        "/api/v1/movements", 303),
                Arguments.of("/stock/MUG-1/moves", "operator",
                        Map.of("location", "WH-1", "move", "DAMAGE", "quantity", "1", "idempotencyKey", "console-k3"),
                        "/api/v1/movements", 303),
                Arguments.of("/stock/MUG-1/transfers", "operator",
                        Map.of("from", "WH-1", "to", "STORE-1", "quantity", "4"), "/api/v1/transfers", 303),
                Arguments.of("/transfers/" + ServicesStub.DRAFT_TRANSFER + "/ship", "operator", Map.of(),
                        "/api/v1/transfers/" + ServicesStub.DRAFT_TRANSFER + "/ship", 303),
                Arguments.of("/transfers/" + ServicesStub.SHIPPED_TRANSFER + "/receipts", "operator",
                        Map.of("sku", "MUG-1", "quantity", "3", "idempotencyKey", "console-k4"),
                        "/api/v1/transfers/" + ServicesStub.SHIPPED_TRANSFER + "/receipts", 303),
                Arguments.of("/channels/shopify/reconcile", "admin", Map.of(), "/api/v1/channels/shopify/reconcile",
                        303),
                Arguments.of("/alerts/" + ServicesStub.ALERT + "/acknowledge", "operator", Map.of(),
                        "/api/v1/alerts/" + ServicesStub.ALERT + "/acknowledge", 303),
                Arguments.of("/imports/apply", "admin",
                        Map.of("kind", "stock", "csv", "sku,location,quantity\nMUG-1,WH-1,3\n"),
                        // imported files are idempotent, so the report is shown in answer to the post itself
                        "/api/v1/imports/stock", 200));
    }

    @ParameterizedTest(name = "POST {0} needs {1}")
    @MethodSource("writes")
    void aWriteIsRefusedBelowItsRoleAndReachesTheServiceFromIt(String path, String least, Map<String, ?> form,
            String serviceCall, int success) {
        Session.as(null).post(path, form).then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/sign-in"));
        for (String role : ROLES) {
            services.resetRequests();
            Response answer = Session.as(role).post(path, form);
            if (ROLES.indexOf(role) < ROLES.indexOf(least)) {
                answer.then().statusCode(403);
                assertThat(services.findAll(postRequestedFor(urlPathMatching("/api/.*")))).isEmpty();
            } else {
                answer.then().statusCode(success);
                assertThat(services.findAll(postRequestedFor(urlPathEqualTo(serviceCall)))).hasSize(1);
            }
        }
    }

    @ParameterizedTest(name = "POST {0} without the CSRF token")
    @MethodSource("writes")
    void aWriteWithoutThePagesCsrfTokenIsRefusedAndReachesNoService(String path, String least, Map<String, ?> form,
            String serviceCall, int success) {
        Session admin = Session.as("admin");
        admin.request().contentType("application/x-www-form-urlencoded").formParams(form).post(path)
                .then().statusCode(400);
        admin.request().cookie("csrf-token", admin.csrfCookie()).contentType("application/x-www-form-urlencoded")
                .formParams(form).formParam("csrf-token", "forged").post(path).then().statusCode(400);
        assertThat(services.findAll(postRequestedFor(urlPathMatching("/api/.*")))).isEmpty();
    }

    @Test
    void theImportPageAndItsFileCheckAreForAdminsOnly() {
        Session.as(null).request().get("/imports").then().statusCode(303);
        for (String role : List.of("viewer", "operator")) {
            Session.as(role).request().get("/imports").then().statusCode(403);
            Session session = Session.as(role);
            session.request().cookie("csrf-token", session.csrfCookie()).multiPart("kind", "stock")
                    .multiPart("file", "stock.csv", "sku,location,quantity\nMUG-1,WH-1,3\n".getBytes(), "text/csv")
                    .multiPart("csrf-token", session.csrfField()).post("/imports/check").then().statusCode(403);
            assertThat(Session.as(role).request().get("/stock").body().asString()).doesNotContain("href=\"/imports\"");
        }
        assertThat(services.findAll(postRequestedFor(urlPathMatching("/api/.*")))).isEmpty();
        Session admin = Session.as("admin");
        assertThat(admin.request().get("/stock").body().asString()).contains("href=\"/imports\"");
        String report = admin.request().cookie("csrf-token", admin.csrfCookie()).multiPart("kind", "stock")
                .multiPart("file", "stock.csv", "sku,location,quantity\nMUG-1,WH-1,3\nNOPE,WH-1,1\n".getBytes(),
                        "text/csv")
                .multiPart("csrf-token", admin.csrfField()).post("/imports/check").then().statusCode(200)
                .extract().body().asString();
        assertThat(report).contains("2 rows: 1 would change", "1 rejected", "no item NOPE", "id=\"apply\"");
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/imports/stock"))
                .withQueryParam("dryRun", equalTo("true"))
                .withHeader("Authorization", equalTo("Bearer " + admin.token())));
    }

    @Test
    void theFormsAPageOffersFollowTheRole() {
        String viewer = Session.as("viewer").request().get("/stock/MUG-1").body().asString();
        assertThat(viewer).contains("Blue mug", "WH-1")
                .doesNotContain("receive-form", "adjust-form");
        String operator = Session.as("operator").request().get("/stock/MUG-1").body().asString();
        assertThat(operator).contains("receive-form").doesNotContain("adjust-form");
        String admin = Session.as("admin").request().get("/stock/MUG-1").body().asString();
        assertThat(admin).contains("receive-form", "adjust-form");

        assertThat(Session.as("viewer").request().get("/channels").body().asString()).doesNotContain("/reconcile");
        assertThat(Session.as("operator").request().get("/channels").body().asString()).doesNotContain("/reconcile");
        assertThat(Session.as("admin").request().get("/channels").body().asString()).contains("/channels/shopify/reconcile");
        assertThat(Session.as("viewer").request().get("/alerts").body().asString()).doesNotContain("/acknowledge");
        assertThat(Session.as("operator").request().get("/alerts").body().asString()).contains("/acknowledge");
    }

    @Test
    void aReceiptGoesToInventoryAsTheSignedInPersonWithTheFormsIdempotencyKey() {
        Session operator = Session.as("operator");
        operator.post("/stock/MUG-1/receipts", Map.of("location", "WH-1", "quantity", "5", "reference", "PO-7",
                "idempotencyKey", "console-once")).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/stock/MUG-1?done=receipt"));
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/movements"))
                .withHeader("Authorization", equalTo("Bearer " + operator.token()))
                .withHeader("Idempotency-Key", equalTo("console-once"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("RECEIPT")))
                .withRequestBody(matchingJsonPath("$.sku", equalTo("MUG-1")))
                .withRequestBody(matchingJsonPath("$.quantity", equalTo("5")))
                .withRequestBody(matchingJsonPath("$.reference", equalTo("PO-7"))));
    }
}
