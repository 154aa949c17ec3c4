package io.stockline.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.awaitility.Awaitility;
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
 * The purchasing, planning, overview and import pages in headless chromium against the console and the real
 * inventory-service (InventoryServiceResource): an operator receives part of a sent purchase order through its form and sees
 * what is outstanding, an over-receipt refused beside its line, the item's restock line on its stock page; the overview
 * draws its chart; a large import shows its upload progress and row count.
 */
@QuarkusTest
@QuarkusTestResource(value = InventoryServiceResource.class, restrictToAnnotatedClass = true)
class InventoryPagesBrowserTest extends BrowserTest {

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorReceivesPartOfASentOrderThroughItsFormAndSeesWhatIsOutstanding() {
        String id = Infrastructure.shortId().toUpperCase(Locale.ROOT);
        String sku = "POT-" + id;
        String location = "WH-" + id;
        String number = sentOrder("ACME-" + id, location, sku, 10);

        signInAs("operator");
        browser.findElement(By.linkText("Purchasing")).click();
        await(By.cssSelector("#orders tr[data-order='" + number + "'] a")).click();
        assertThat(outstanding(sku)).isEqualTo("10");

        await(By.cssSelector("fieldset[data-sku='" + sku + "'] input[name=quantity]")).sendKeys("4");
        browser.findElement(By.id("receive-submit")).click();
        assertThat(await(By.id("done")).getText()).isEqualTo("Receipt recorded.");
        assertThat(outstanding(sku)).isEqualTo("6");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("PARTIALLY_RECEIVED");
        assertThat(browser.findElement(By.id("receipts")).getText()).contains(sku, "local-operator");
        Browsers.screenshot(browser, "purchase-order-page");

        // more than is outstanding: inventory refuses it (the supplier allows no over-receipt), beside the line
        browser.findElement(By.cssSelector("fieldset[data-sku='" + sku + "'] input[name=quantity]")).sendKeys("50");
        browser.findElement(By.id("receive-submit")).click();
        assertThat(await(By.id("quantity-0-error")).getText()).contains("over-receipt");
        assertThat(outstanding(sku)).isEqualTo("6");

        // the item's page says when it restocks, loaded into it by htmx
        browser.get(page("/stock/" + sku));
        assertThat(await(By.id("restock-line")).getText()).isEqualTo("In stock: 4 available now.");
    }

    @Test
    void aViewerSeesAnOrderButNoReceiveForm() {
        String id = Infrastructure.shortId().toUpperCase(Locale.ROOT);
        String number = sentOrder("SUP-" + id, "ST-" + id, "PAN-" + id, 3);
        signInAs("viewer");
        browser.get(page("/purchasing/" + number));
        assertThat(await(By.id("lines")).getText()).contains("PAN-" + id);
        assertThat(browser.findElements(By.id("receive-form"))).isEmpty();
        assertThat(browser.findElements(By.id("close"))).isEmpty();
    }

    @Test
    void theOverviewShowsTheKpisAndDrawsTheStockValueChart() {
        String id = Infrastructure.shortId().toUpperCase(Locale.ROOT);
        sentOrder("VAL-" + id, "VL-" + id, "VASE-" + id, 2);
        seedReceipt("VASE-" + id, "VL-" + id, 30);

        signInAs("admin");
        assertThat(await(By.id("kpis")).getText()).contains("Stock value (moving average)", "Units on hand");
        WebElement chart = await(By.cssSelector("#valuation-chart[data-drawn]"));
        assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("valuation")).getText()).contains("VASE-" + id);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", chart);
        Browsers.screenshot(browser, "overview-page");

        for (String path : List.of("/overview", "/planning", "/purchasing")) {
            browser.get(page(path));
            for (WebElement field : browser.findElements(By.cssSelector("input:not([type=hidden]), select"))) {
                String fieldId = field.getAttribute("id");
                boolean labelled = (fieldId != null && !fieldId.isEmpty()
                        && !browser.findElements(By.cssSelector("label[for='" + fieldId + "']")).isEmpty())
                        || !field.findElements(By.xpath("ancestor::label")).isEmpty();
                assertThat(labelled).as(path + ": a label for " + field.getAttribute("name")).isTrue();
            }
        }
    }

    @Test
    void aLargeImportShowsItsUploadProgressThenTheRowCount() throws Exception {
        String location = "IM-" + Infrastructure.shortId().toUpperCase(Locale.ROOT);
        StringBuilder csv = new StringBuilder("sku,location,quantity\n");
        int rows = 3000;
        for (int i = 0; i < rows; i++) {
            csv.append("NO-SUCH-").append(i).append(',').append(location).append(",1\n");
        }
        Path file = Files.createTempFile("large-counts", ".csv");
        Files.writeString(file, csv);

        signInAs("admin");
        browser.get(page("/imports"));
        await(By.cssSelector("input[name=kind][value=stock]")).click();
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("check")).click();

        assertThat(await(By.id("report-summary")).getText()).startsWith(rows + " rows: 0 would change");
        WebElement progress = browser.findElement(By.id("upload-progress"));
        assertThat(progress.getAttribute("value")).isEqualTo("100");
        assertThat(browser.findElement(By.cssSelector("label[for=upload-progress]")).getText())
                .isEqualTo("Sending the file");
        Awaitility.await().atMost(WAIT).until(() -> browser.findElement(By.id("upload-status")).getText(),
                text -> text.equals("Checked " + rows + " rows."));
    }

    private String outstanding(String sku) {
        return browser.findElement(By.cssSelector("#lines tr[data-sku='" + sku + "'] .outstanding")).getText();
    }

    /** A supplier, a location and an item, and a purchase order for it, sent: its units are incoming. */
    private static String sentOrder(String supplier, String location, String sku, int units) {
        String admin = Tokens.bearer("admin");
        given().baseUri(InventoryServiceResource.url()).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("code", location, "name", "Warehouse " + location, "type", "WAREHOUSE", "latitude", 53.8,
                        "longitude", -1.55, "priority", 1, "fulfilsOrders", true))
                .post("/api/v1/locations").then().statusCode(201);
        given().baseUri(InventoryServiceResource.url()).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Item " + sku, "unitCost", 2.5)).post("/api/v1/items").then()
                .statusCode(201);
        given().baseUri(InventoryServiceResource.url()).header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("code", supplier, "name", "Supplier " + supplier, "currency", "EUR", "leadTimeDays", 5))
                .post("/api/v1/suppliers").then().statusCode(201);
        String number = given().baseUri(InventoryServiceResource.url()).header("Authorization", Tokens.bearer("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("supplier", supplier, "location", location,
                        "lines", List.of(Map.of("sku", sku, "quantity", units, "unitCost", 2.5))))
                .post("/api/v1/purchase-orders").then().statusCode(201).extract().path("number");
        given().baseUri(InventoryServiceResource.url()).header("Authorization", admin)
                .post("/api/v1/purchase-orders/" + number + "/send").then().statusCode(200);
        return number;
    }

    private static void seedReceipt(String sku, String location, int units) {
        given().baseUri(InventoryServiceResource.url()).header("Authorization", Tokens.bearer("admin"))
                .contentType(ContentType.JSON).header("Idempotency-Key", "seed-" + sku)
                .body(Map.of("type", "RECEIPT", "sku", sku, "location", location, "quantity", units))
                .post("/api/v1/movements").then().statusCode(201);
    }
}
