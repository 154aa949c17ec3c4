package io.stockline.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.Browsers;
import io.stockline.testsupport.InjectWireMock;

/**
 * The transfer form, the transfers page, the orders page and a channel's page in headless chromium over the
 * services' stubs: an operator drafts a transfer from an item's page and ships it; a viewer finds an order by its id
 * from the keyboard; a channel's chart is drawn from the webjar; the new pages fit a phone's width and every field
 * has a label.
 */
@QuarkusTest
@QuarkusTestResource(value = ServicesStub.class, restrictToAnnotatedClass = true)
class OperationsBrowserTest extends BrowserTest {

    @InjectWireMock
    WireMockServer services;

    @BeforeEach
    void forgetCalls() {
        services.resetRequests();
    }

    @Test
    void anOperatorDraftsATransferFromAnItemsPageAndShipsIt() {
        signInAs("operator");
        browser.get(page("/stock/" + ServicesStub.SKU));
        await(By.id("transfer-form"));
        browser.findElement(By.cssSelector("#transfer-to option[value='STORE-1']")).click();
        browser.findElement(By.id("transfer-quantity")).sendKeys("4");
        browser.findElement(By.id("transfer-submit")).click();
        assertThat(await(By.id("done")).getText()).isEqualTo("Transfer drafted: ship it when it leaves.");
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/transfers"))
                .withRequestBody(matchingJsonPath("$.from", equalTo("WH-1")))
                .withRequestBody(matchingJsonPath("$.to", equalTo("STORE-1")))
                .withRequestBody(matchingJsonPath("$.lines[0].quantity", equalTo("4"))));
        Browsers.screenshot(browser, "transfers-page");

        browser.findElement(By.cssSelector("#transfers tr[data-transfer='" + ServicesStub.DRAFT_TRANSFER + "'] button"))
                .click();
        assertThat(await(By.id("done")).getText()).isEqualTo("Transfer shipped: its units are in transit.");
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/transfers/" + ServicesStub.DRAFT_TRANSFER + "/ship")));
    }

    @Test
    void aViewerFindsAnOrderByItsIdAndSeesItBackordered() {
        signInAs("viewer");
        browser.get(page("/orders"));
        WebElement split = await(By.cssSelector("#orders tr[data-order='" + ServicesStub.SPLIT_ORDER + "']"));
        assertThat(split.getText()).contains("WH-1, STORE-1", "split");
        Browsers.screenshot(browser, "orders-page");
        browser.findElement(By.id("order-id")).sendKeys(ServicesStub.BACKORDERED_ORDER + Keys.ENTER);
        WebElement found = await(By.cssSelector("#orders tr[data-order='" + ServicesStub.BACKORDERED_ORDER + "']"));
        assertThat(found.getAttribute("data-status")).isEqualTo("BACKORDERED");
        assertThat(found.getText()).contains("MUG-1 × 5");
        assertThat(browser.findElements(By.cssSelector("#orders tbody tr"))).hasSize(1);
    }

    @Test
    void aChannelsPageDrawsItsCallsChartAndListsTheRejectedListing() {
        signInAs("viewer");
        browser.get(page("/channels"));
        await(By.cssSelector("#channels tr[data-channel=ebay] a")).click();
        WebElement chart = await(By.cssSelector("#calls-chart[data-drawn=true]"));
        assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#rejected tr[data-sku='PLATE-1']")).getText())
                .contains("REJECTED MISSING");
        Browsers.screenshot(browser, "channel-page");
    }

    @Test
    void theNewPagesFitAPhoneAndLabelEveryField() {
        signInAs("operator");
        for (String path : new String[] { "/orders", "/transfers", "/stock/" + ServicesStub.SKU, "/channels/ebay" }) {
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(page(path));
            await(By.cssSelector("main h1"));
            Number documentWidth = (Number) ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth");
            Number viewport = (Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth");
            assertThat(documentWidth.intValue()).as(path + " at a phone's width").isLessThanOrEqualTo(viewport.intValue());
            for (WebElement field : browser.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"))) {
                String id = field.getAttribute("id");
                boolean labelled = id != null && !id.isEmpty()
                        && !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty();
                assertThat(labelled).as(path + ": a label for " + field.getAttribute("name")).isTrue();
            }
        }
    }
}
