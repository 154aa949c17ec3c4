package io.stockline.console;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.Browsers;
import io.stockline.testsupport.InjectWireMock;

/**
 * The channels and alerts pages in headless chromium, over the services' stubs: the channel table refreshes itself,
 * an operator acknowledges an alert with its button, and the stock page fits a phone's width. Leaves the screenshots
 * the console's README shows under target/screenshots.
 */
@QuarkusTest
@QuarkusTestResource(value = ServicesStub.class, restrictToAnnotatedClass = true)
class PagesBrowserTest extends BrowserTest {

    @InjectWireMock
    WireMockServer services;

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theChannelTableRefreshesItselfAndAViewerHasNoReconcileButton() {
        signInAs("viewer");
        browser.get(page("/channels"));
        WebElement row = await(By.cssSelector("#channels tr[data-channel=shopify]"));
        assertThat(row.getAttribute("data-state")).isEqualTo("OK");
        assertThat(row.getText()).contains("2026-12-01 10:00 UTC");
        assertThat(browser.findElement(By.cssSelector("#channels tr[data-channel=amazon]")).getText())
                .contains("LAGGING", "14", "95 s", "THROTTLED 429");
        assertThat(browser.findElements(By.xpath("//button[text()='Reconcile']"))).isEmpty();
        int before = services.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/api/v1/channel-status"))).size();
        // htmx asks for the table again every 5 s
        Awaitility.await().atMost(WAIT).until(() -> services.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/api/v1/channel-status"))).size() > before);
        Browsers.screenshot(browser, "channels-page");
    }

    @Test
    void anOperatorAcknowledgesAnAlertWithItsButton() {
        signInAs("operator");
        browser.get(page("/alerts"));
        await(By.cssSelector("#alerts tr[data-alert='" + ServicesStub.ALERT + "']"));
        Browsers.screenshot(browser, "alerts-page");
        browser.findElement(By.cssSelector("#alerts tr[data-alert='" + ServicesStub.ALERT + "'] button")).click();
        assertThat(await(By.id("done")).getText()).isEqualTo("Alert acknowledged.");
        services.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/alerts/" + ServicesStub.ALERT + "/acknowledge")));
    }

    @Test
    void theStockPageFitsAPhonesWidth() {
        signInAs("operator");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(page("/stock/" + ServicesStub.SKU));
        await(By.id("receive-form"));
        Number documentWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth");
        Number viewport = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return window.innerWidth");
        // wide tables scroll inside their own box; the page itself does not scroll sideways
        assertThat(documentWidth.intValue()).isLessThanOrEqualTo(viewport.intValue());
        Browsers.screenshot(browser, "stock-page-phone");
    }

    @Test
    void everyFormFieldHasALabelAndTheFormsWorkFromTheKeyboard() {
        signInAs("admin");
        for (String path : new String[] { "/stock?q=mug", "/stock/" + ServicesStub.SKU, "/imports", "/alerts" }) {
            browser.get(page(path));
            for (WebElement field : browser.findElements(By.cssSelector("input:not([type=hidden]), select, textarea:not([hidden])"))) {
                String id = field.getAttribute("id");
                boolean labelled = (id != null && !id.isEmpty()
                        && !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty())
                        || !field.findElements(By.xpath("ancestor::label")).isEmpty();
                assertThat(labelled).as(path + ": a label for " + field.getAttribute("name")).isTrue();
            }
        }
        browser.get(page("/stock"));
        WebElement search = await(By.id("q"));
        search.sendKeys("mug" + org.openqa.selenium.Keys.ENTER);
        assertThat(await(By.id("results")).getText()).contains(ServicesStub.SKU);
    }

}
