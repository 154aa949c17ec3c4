package io.stockline.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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

/** A refused form shows the API's own words beside the field at fault, keeps what was typed, and takes a new key. */
@QuarkusTest
@QuarkusTestResource(value = ServicesStub.class, restrictToAnnotatedClass = true)
class StockFormsTest {

    @InjectWireMock
    WireMockServer services;

    @AfterEach
    void backToDefaults() {
        services.resetAll();
        new ServicesStub().stubDefaults(services);
    }

    @Test
    void aRefusedReceiptShowsTheMessageBesideItsFieldAndKeepsWhatWasTyped() {
        services.stubFor(post(urlPathEqualTo("/api/v1/movements"))
                .withRequestBody(matchingJsonPath("$.quantity", equalTo("lots"))).atPriority(1)
                .willReturn(ServicesStub.json(400, """
                        {"type":"about:blank","title":"Bad Request","status":400,
                         "detail":"quantity: must be a whole number","field":"quantity",
                         "violations":[{"field":"quantity","in":"body","message":"must be a whole number"}]}""")));
        String page = Session.as("operator").post("/stock/MUG-1/receipts",
                Map.of("location", "WH-1", "quantity", "lots", "reference", "PO-9", "idempotencyKey", "console-k9"))
                .then().statusCode(422).extract().body().asString();
        assertThat(page).contains("id=\"receive-quantity-error\">must be a whole number<")
                .contains("aria-invalid=\"true\"").contains("value=\"lots\"").contains("value=\"PO-9\"");
        Matcher key = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(page);
        assertThat(key.find()).isTrue();
        assertThat(key.group(1)).startsWith("console-").isNotEqualTo("console-k9");
    }

    @Test
    void aServiceThatCannotAnswerIsSaidSo() {
        services.stubFor(post(urlPathEqualTo("/api/v1/movements")).atPriority(1)
                .willReturn(ServicesStub.json(503, """
                        {"type":"about:blank","title":"Service Unavailable","status":503}""")));
        String page = Session.as("operator").post("/stock/MUG-1/receipts",
                Map.of("location", "WH-1", "quantity", "3", "idempotencyKey", "console-k10"))
                .then().statusCode(502).extract().body().asString();
        // the same key again: the service may have recorded it before failing, so a retry must not count twice
        assertThat(page).contains("Service Unavailable").contains("value=\"console-k10\"");
    }

    @Test
    void aHandEditedLedgerLinkIsRefusedOnThePageNotWithABare404() {
        for (String after : new String[] { "abc", "-1", "99999999999999999999" }) {
            String page = Session.as("viewer").request().get("/stock/MUG-1?after=" + after)
                    .then().statusCode(400).extract().body().asString();
            assertThat(page).as("after=%s", after).contains("role=\"alert\"").contains("after: ")
                    .contains("not " + after);
        }
        // an absent or valid one still shows the item
        Session.as("viewer").request().get("/stock/MUG-1").then().statusCode(200);
        Session.as("viewer").request().get("/stock/MUG-1?after=0").then().statusCode(200);
    }
}
