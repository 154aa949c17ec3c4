package io.stockline.console;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.InjectWireMock;

/**
 * The move and transfer forms on an item's page, the transfers page's ship and receive buttons, the orders page
 * and a channel's page, over the services' stubs: what reaches the API, the API's words beside the field at fault, the key kept
 * after a 5xx and renewed after a 4xx, and buttons only for operators.
 */
@QuarkusTest
@QuarkusTestResource(value = ServicesStub.class, restrictToAnnotatedClass = true)
class MovesTransfersOrdersTest {

    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

    @InjectWireMock
    WireMockServer services;

    @AfterEach
    void backToDefaults() {
        services.resetAll();
        new ServicesStub().stubDefaults(services);
    }

    @Test
    void aMoveIsTheMovementTypeItNamesWithTheStateAWriteOffTakesFrom() {
        Session operator = Session.as("operator");
        operator.post("/stock/MUG-1/moves", Map.of("location", "WH-1", "move", "WRITE_OFF_QUALITY_CONTROL",
                "quantity", "2", "reason", "cracked", "idempotencyKey", "console-m1")).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/stock/MUG-1?done=move"));
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/movements"))
                .withHeader("Authorization", equalTo("Bearer " + operator.token()))
                .withHeader("Idempotency-Key", equalTo("console-m1"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("WRITE_OFF")))
                .withRequestBody(matchingJsonPath("$.state", equalTo("QUALITY_CONTROL")))
                .withRequestBody(matchingJsonPath("$.quantity", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.reason", equalTo("cracked"))));
        operator.post("/stock/MUG-1/moves", Map.of("location", "WH-1", "move", "DAMAGE", "quantity", "1",
                "idempotencyKey", "console-m2")).then().statusCode(303);
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/movements"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("DAMAGE")))
                .withRequestBody(matchingJsonPath("$.state", absent())));
    }

    @Test
    void aRefusedMoveShowsTheMessageBesideItsFieldKeepsWhatWasTypedAndTakesANewKey() {
        services.stubFor(post(urlPathEqualTo("/api/v1/movements")).atPriority(1)
                .willReturn(ServicesStub.json(409, """
                        {"type":"about:blank","title":"Conflict","status":409,"detail":"only 0 damaged at WH-1",
                         "violations":[{"field":"quantity","in":"body","message":"only 0 damaged at WH-1"}]}""")));
        String page = Session.as("operator").post("/stock/MUG-1/moves", Map.of("location", "WH-1", "move",
                "WRITE_OFF_DAMAGED", "quantity", "7", "reason", "broken", "idempotencyKey", "console-m3"))
                .then().statusCode(422).extract().body().asString();
        assertThat(page).contains("id=\"move-quantity-error\">only 0 damaged at WH-1<")
                .contains("value=\"7\"").contains("value=\"broken\"")
                .contains("value=\"WRITE_OFF_DAMAGED\" selected");
        assertThat(moveKey(page)).startsWith("console-").isNotEqualTo("console-m3");
    }

    @Test
    void aMoveTheServiceCouldNotAnswerKeepsItsKey() {
        services.stubFor(post(urlPathEqualTo("/api/v1/movements")).atPriority(1)
                .willReturn(ServicesStub.json(503, """
                        {"type":"about:blank","title":"Service Unavailable","status":503}""")));
        String page = Session.as("operator").post("/stock/MUG-1/moves", Map.of("location", "WH-1", "move",
                "DAMAGE", "quantity", "1", "idempotencyKey", "console-m4")).then().statusCode(502).extract().body()
                .asString();
        assertThat(page).contains("Service Unavailable");
        assertThat(moveKey(page)).isEqualTo("console-m4");
    }

    @Test
    void aTransferIsDraftedFromThisLocationToAnotherAndARefusalNamesTheFormsField() {
        Session operator = Session.as("operator");
        operator.post("/stock/MUG-1/transfers", Map.of("from", "WH-1", "to", "STORE-1", "quantity", "4"))
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/transfers?done=drafted"));
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/transfers"))
                .withHeader("Authorization", equalTo("Bearer " + operator.token()))
                .withRequestBody(matchingJsonPath("$.from", equalTo("WH-1")))
                .withRequestBody(matchingJsonPath("$.to", equalTo("STORE-1")))
                .withRequestBody(matchingJsonPath("$.lines[0].sku", equalTo("MUG-1")))
                .withRequestBody(matchingJsonPath("$.lines[0].quantity", equalTo("4"))));

        services.stubFor(post(urlPathEqualTo("/api/v1/transfers")).atPriority(1)
                .willReturn(ServicesStub.json(400, """
                        {"type":"about:blank","title":"Bad Request","status":400,
                         "violations":[{"field":"lines[0].quantity","in":"body","message":"must be greater than 0"}]}""")));
        String page = operator.post("/stock/MUG-1/transfers", Map.of("from", "WH-1", "to", "STORE-1", "quantity", "0"))
                .then().statusCode(422).extract().body().asString();
        assertThat(page).contains("id=\"transfer-quantity-error\">must be greater than 0<")
                .contains("<option value=\"STORE-1\" selected>");
    }

    @Test
    void theTransfersPageListsOpenTransfersWithShipAndReceiveForOperatorsOnly() {
        String viewer = Session.as("viewer").request().get("/transfers").body().asString();
        assertThat(viewer).contains(ServicesStub.DRAFT_TRANSFER, ServicesStub.SHIPPED_TRANSFER)
                .doesNotContain("TR-000001", "/ship", "/receipts");
        String operator = Session.as("operator").request().get("/transfers").body().asString();
        assertThat(operator).contains("/transfers/" + ServicesStub.DRAFT_TRANSFER + "/ship",
                "/transfers/" + ServicesStub.SHIPPED_TRANSFER + "/receipts")
                .doesNotContain("/transfers/" + ServicesStub.DRAFT_TRANSFER + "/receipts",
                        "/transfers/" + ServicesStub.SHIPPED_TRANSFER + "/ship");
        assertThat(Session.as("viewer").request().get("/stock/MUG-1").body().asString())
                .doesNotContain("move-form", "transfer-form");
        assertThat(Session.as("operator").request().get("/stock/MUG-1").body().asString())
                .contains("move-form", "transfer-form");
    }

    @Test
    void aReceiptBooksWhatTheButtonShowedInTransitUnderItsKey() {
        Session operator = Session.as("operator");
        String page = operator.request().get("/transfers").body().asString();
        Matcher key = KEY.matcher(page);
        assertThat(key.find()).isTrue();
        operator.post("/transfers/" + ServicesStub.SHIPPED_TRANSFER + "/receipts",
                Map.of("sku", "MUG-1", "quantity", "3", "idempotencyKey", key.group(1)))
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/transfers?done=received"));
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/transfers/" + ServicesStub.SHIPPED_TRANSFER
                + "/receipts")).withHeader("Idempotency-Key", equalTo(key.group(1)))
                .withRequestBody(matchingJsonPath("$.lines[0].sku", equalTo("MUG-1")))
                .withRequestBody(matchingJsonPath("$.lines[0].quantity", equalTo("3"))));

        services.stubFor(post(urlPathEqualTo("/api/v1/transfers/" + ServicesStub.SHIPPED_TRANSFER + "/receipts"))
                .atPriority(1).willReturn(ServicesStub.json(503, """
                        {"type":"about:blank","title":"Service Unavailable","status":503}""")));
        String failed = operator.post("/transfers/" + ServicesStub.SHIPPED_TRANSFER + "/receipts",
                Map.of("sku", "MUG-1", "quantity", "3", "idempotencyKey", "console-r1"))
                .then().statusCode(502).extract().body().asString();
        assertThat(failed).contains("Service Unavailable").contains("value=\"console-r1\"");
    }

    @Test
    void aShipmentTheOriginCannotCoverIsSaidBesideTheTransfer() {
        services.stubFor(post(urlPathEqualTo("/api/v1/transfers/" + ServicesStub.DRAFT_TRANSFER + "/ship"))
                .atPriority(1).willReturn(ServicesStub.json(409, """
                        {"type":"about:blank","title":"Conflict","status":409,"detail":"only 2 available at WH-1",
                         "violations":[{"field":"lines[0].quantity","in":"body","message":"only 2 available at WH-1"}]}""")));
        String page = Session.as("operator").post("/transfers/" + ServicesStub.DRAFT_TRANSFER + "/ship", Map.of())
                .then().statusCode(422).extract().body().asString();
        assertThat(page).contains(ServicesStub.DRAFT_TRANSFER + ": Conflict", "only 2 available at WH-1");
    }

    @Test
    void theOrdersPageShowsWhereEachOrderShipsWhetherItSplitAndWhatIsBackordered() {
        String page = Session.as("viewer").request().get("/orders").then().statusCode(200).extract().body().asString();
        assertThat(page).contains("data-order=\"" + ServicesStub.SPLIT_ORDER + "\" data-status=\"ALLOCATED\" data-split=\"true\"")
                .contains("WH-1, STORE-1").contains("data-order=\"" + ServicesStub.BACKORDERED_ORDER
                        + "\" data-status=\"BACKORDERED\" data-split=\"false\"")
                .contains("MUG-1</a> × 5").contains("id=\"older\"");
        Session.as("viewer").request().get("/orders?status=BACKORDERED&before=abc").then().statusCode(200);
        services.verify(getRequestedFor(urlPathEqualTo("/api/v1/allocations"))
                .withQueryParam("status", equalTo("BACKORDERED")).withQueryParam("before", equalTo("abc")));

        String found = Session.as("viewer").request().get("/orders?orderId=" + ServicesStub.BACKORDERED_ORDER)
                .then().statusCode(200).extract().body().asString();
        assertThat(found).contains("data-order=\"" + ServicesStub.BACKORDERED_ORDER + "\"")
                .doesNotContain("data-order=\"" + ServicesStub.SPLIT_ORDER + "\"");
        String missing = Session.as("viewer").request().get("/orders?orderId=no-such-order").then().statusCode(404)
                .extract().body().asString();
        assertThat(missing).contains("no allocation for order no-such-order").contains("value=\"no-such-order\"");
    }

    @Test
    void aChannelsPageShowsWantedAndPushedPerSkuTheRejectedWithTheirReasonAndItsCalls() {
        String list = Session.as("viewer").request().get("/channels").body().asString();
        assertThat(list).contains("<a href=\"/channels/ebay\">ebay</a>");
        String page = Session.as("viewer").request().get("/channels/ebay").then().statusCode(200).extract().body()
                .asString();
        assertThat(page).contains("id=\"channel-status\" data-state=\"OK\"")
                .contains("<td class=\"wanted\">3</td><td class=\"pushed\">1</td>")
                .contains("<td class=\"reason\">REJECTED MISSING</td>")
                .contains("110551 <span class=\"badge\">IMPORTED</span>")
                .contains("11 calls, 2 throttled")
                .contains("[[1796119080,1796119140,1796119200],[4,7,0],[0,2,0],[0,1,0]]")
                .contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        services.verify(getRequestedFor(urlPathEqualTo("/api/v1/channels/ebay/calls"))
                .withQueryParam("minutes", equalTo("60")));
        Session.as("viewer").request().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        Session.as("viewer").request().get("/channels/nope").then().statusCode(404);
    }

    private static String moveKey(String page) {
        Matcher key = Pattern.compile("id=\"move-form\">\\s*<input[^>]*>\\s*<input type=\"hidden\" name=\"idempotencyKey\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(key.find()).as("the move form's key").isTrue();
        return key.group(1);
    }
}
