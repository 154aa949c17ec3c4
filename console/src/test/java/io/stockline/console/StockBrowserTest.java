package io.stockline.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stockline.testsupport.InventoryServiceResource;
import io.stockline.testsupport.Browsers;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.Tokens;

/**
 * Issue 18's browser story on the stock page, in headless chromium against the console and the real inventory-service:
 * sign in (development sign-in), find an item by part of its name, receive units through the form and see the new
 * number; move units to damaged, and draft, ship and receive a transfer to another location; a viewer gets no form. A failing test leaves a screenshot under target/screenshots.
 */
@QuarkusTest
@QuarkusTestResource(value = InventoryServiceResource.class, restrictToAnnotatedClass = true)
class StockBrowserTest extends BrowserTest {

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorFindsAnItemReceivesUnitsThroughTheFormAndSeesTheNewNumber() {
        String sku = "MUG-" + Infrastructure.shortId().toUpperCase(java.util.Locale.ROOT);
        String name = "Speckled mug " + sku.toLowerCase(java.util.Locale.ROOT);
        String location = "WH-" + Infrastructure.shortId().toUpperCase(java.util.Locale.ROOT);
        seed(location, sku, name, 12);

        signInAs("operator");
        browser.findElement(By.linkText("Stock")).click();
        WebElement search = await(By.id("q"));
        search.sendKeys(name.substring(0, name.length() - 2));
        search.submit();
        await(By.id("results")).findElement(By.linkText(sku)).click();

        assertThat(onHand(location)).isEqualTo("12");
        browser.findElement(By.cssSelector("#receive-location option[value='" + location + "']")).click();
        browser.findElement(By.id("receive-quantity")).sendKeys("7");
        browser.findElement(By.id("receive-reference")).sendKeys("PO-1001");
        browser.findElement(By.id("receive-submit")).click();

        assertThat(await(By.id("done")).getText()).isEqualTo("Receipt recorded.");
        assertThat(onHand(location)).isEqualTo("19");
        assertThat(browser.findElement(By.id("ledger")).getText()).contains("RECEIPT", "PO-1001", "local-operator");
        Browsers.screenshot(browser, "stock-page");

        // a wrong number is refused by inventory, in its words, beside the field, and nothing changes
        browser.findElement(By.id("receive-quantity")).sendKeys("0");
        browser.findElement(By.id("receive-submit")).click();
        assertThat(await(By.id("receive-quantity-error")).getText()).isNotBlank();
        assertThat(onHand(location)).isEqualTo("19");
    }

    @Test
    void aViewerSeesTheStockButNoForm() {
        String sku = "CUP-" + Infrastructure.shortId().toUpperCase(java.util.Locale.ROOT);
        String location = "ST-" + Infrastructure.shortId().toUpperCase(java.util.Locale.ROOT);
        seed(location, sku, "Espresso cup", 4);
        signInAs("viewer");
        browser.get(page("/stock/" + sku));
        assertThat(onHand(location)).isEqualTo("4");
        assertThat(browser.findElements(By.tagName("form")).stream().map(form -> form.getAttribute("action")))
                .noneMatch(action -> action.contains("/receipts") || action.contains("/adjustments"));
    }

    @Test
    void anAdminImportsACsvWithOneBadRowSeesTheReportAndAppliesTheGoodRow() throws Exception {
        String sku = "BEAN-" + Infrastructure.shortId().toUpperCase(java.util.Locale.ROOT);
        String location = "WH-" + Infrastructure.shortId().toUpperCase(java.util.Locale.ROOT);
        seed(location, sku, "House blend beans", 10);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("counts", ".csv");
        java.nio.file.Files.writeString(file, "sku,location,quantity\n" + sku + "," + location + ",8\n"
                + "NO-SUCH-SKU," + location + ",3\n");

        signInAs("admin");
        browser.findElement(By.linkText("Import")).click();
        await(By.cssSelector("input[name=kind][value=stock]")).click();
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("check")).click();

        awaitText(By.id("report-summary"), "2 rows: 1 would change, 0 unchanged, 1 rejected.");
        assertThat(browser.findElement(By.id("report-problems")).getText()).contains("3", "sku");
        Browsers.screenshot(browser, "import-report");
        assertThat(onHandInInventory(sku)).as("a dry run changes nothing").isEqualTo(10);

        await(By.id("apply")).click();
        awaitText(By.id("report-summary"), "2 rows: 1 changed, 0 unchanged, 1 rejected.");
        browser.get(page("/stock/" + sku));
        assertThat(onHand(location)).isEqualTo("8");
        assertThat(browser.findElement(By.id("ledger")).getText()).contains("COUNT_CORRECTION");
    }

    @Test
    void anOperatorMovesUnitsToDamagedThenTransfersSomeToAnotherLocationShipsAndReceivesThem() {
        String sku = "BOWL-" + Infrastructure.shortId().toUpperCase(java.util.Locale.ROOT);
        String from = "WH-" + Infrastructure.shortId().toUpperCase(java.util.Locale.ROOT);
        String to = "ST-" + Infrastructure.shortId().toUpperCase(java.util.Locale.ROOT);
        seed(from, sku, "Serving bowl", 10);
        location(to);

        signInAs("operator");
        browser.get(page("/stock/" + sku));
        browser.findElement(By.cssSelector("#move-location option[value='" + from + "']")).click();
        browser.findElement(By.cssSelector("#move-kind option[value='DAMAGE']")).click();
        browser.findElement(By.id("move-quantity")).sendKeys("2");
        browser.findElement(By.id("move-reason")).sendKeys("dropped");
        browser.findElement(By.id("move-submit")).click();
        assertThat(await(By.id("done")).getText()).isEqualTo("Move recorded.");
        assertThat(available(from)).isEqualTo("8");
        assertThat(onHand(from)).isEqualTo("10");

        browser.findElement(By.cssSelector("#transfer-from option[value='" + from + "']")).click();
        browser.findElement(By.cssSelector("#transfer-to option[value='" + to + "']")).click();
        browser.findElement(By.id("transfer-quantity")).sendKeys("3");
        browser.findElement(By.id("transfer-submit")).click();
        assertThat(await(By.id("done")).getText()).isEqualTo("Transfer drafted: ship it when it leaves.");

        By row = By.xpath("//table[@id='transfers']//tr[.//a[text()='" + sku + "']]");
        assertThat(await(row).getAttribute("data-status")).isEqualTo("DRAFT");
        browser.findElement(row).findElement(By.xpath(".//button[text()='Ship']")).click();
        assertThat(await(By.id("done")).getText()).isEqualTo("Transfer shipped: its units are in transit.");
        assertThat(await(row).getAttribute("data-status")).isEqualTo("SHIPPED");
        browser.findElement(row).findElement(By.xpath(".//button[text()='Receive']")).click();
        assertThat(await(By.id("done")).getText()).isEqualTo("Transfer received.");
        // received in full, it is no longer open
        assertThat(browser.findElements(row)).isEmpty();

        browser.get(page("/stock/" + sku));
        assertThat(onHand(from)).isEqualTo("7");
        assertThat(onHand(to)).isEqualTo("3");
        assertThat(browser.findElement(By.id("ledger")).getText()).contains("DAMAGE", "TRANSFER_OUT", "local-operator");
    }

    private String available(String location) {
        return browser.findElement(By.cssSelector("#stock tr[data-location='" + location + "'] .available")).getText();
    }

    private String onHand(String location) {
        return browser.findElement(By.cssSelector("#stock tr[data-location='" + location + "'] .on-hand")).getText();
    }

    private static int onHandInInventory(String sku) {
        return given().baseUri(InventoryServiceResource.url()).header("Authorization", Tokens.bearer("viewer"))
                .get("/api/v1/stock/" + sku).then().statusCode(200).extract().path("totals.onHand");
    }

    private static void location(String location) {
        given().baseUri(InventoryServiceResource.url()).header("Authorization", Tokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("code", location, "name", "Warehouse " + location, "type", "WAREHOUSE", "latitude", 53.8,
                        "longitude", -1.55, "priority", 1, "fulfilsOrders", true))
                .post("/api/v1/locations").then().statusCode(201);
    }

    private static void seed(String location, String sku, String name, int units) {
        String admin = Tokens.bearer("admin");
        location(location);
        given().baseUri(InventoryServiceResource.url()).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", name)).post("/api/v1/items").then().statusCode(201);
        given().baseUri(InventoryServiceResource.url()).header("Authorization", admin).contentType(ContentType.JSON)
                .header("Idempotency-Key", "seed-" + sku)
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", location, "quantity", units,
                        "reason", "opening stock"))
                .post("/api/v1/movements").then().statusCode(201);
    }
}
