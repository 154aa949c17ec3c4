package io.stockline.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.Browsers;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Issue 21's "done when": in Swagger UI (/q/swagger-ui, served by the service itself), "Authorize" with a token
 * like deploy/local/token's makes calls that succeed, and without one they answer 401. Drives Debian's chromium
 * headless through chromedriver; the browser reaches nothing but this loopback service. Skipped where chromium or
 * chromedriver is not installed, unless {@code STOCKLINE_BROWSER_TESTS=required} (.ci/run installs both and sets it).
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class SwaggerUiTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static WebDriver browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        browser = Browsers.headlessChromium(1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The Swagger UI page on 127.0.0.1 (the browser resolves no other name). */
    private String swaggerUi() {
        return "http://127.0.0.1:" + root.getPort() + "/q/swagger-ui/";
    }

    /**
     * One page load for the whole story (Swagger UI over inventory's document takes seconds to load and render): no
     * token answers 401; a token printed by deploy/local/token (signed with the same development key as Tokens')
     * authorizes a read; after Logout, an admin's token authorizes creating a location, which is then listed.
     */
    @Test
    void withoutATokenA401ThenAuthorizedCallsSucceedAndTheCreatedLocationIsListed() throws Exception {
        // a new browser session starts with empty storage, so no authorization persisted by another run is there
        browser.get(swaggerUi());
        Awaitility.await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector(".opblock")).isEmpty());

        WebElement list = tryItOut("Locations", "listLocations");
        assertThat(execute(list)).isEqualTo("401");

        authorize(scriptToken("viewer"));
        assertThat(execute(list)).isEqualTo("200");
        logout();

        authorize(Tokens.mint("admin"));
        String code = "UI-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        WebElement create = tryItOut("Locations", "createLocation");
        WebElement body = create.findElement(By.cssSelector("textarea.body-param__text"));
        body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        type(body, "{\"code\":\"" + code + "\",\"name\":\"Swagger UI test\",\"type\":\"WAREHOUSE\"}");
        assertThat(execute(create)).isEqualTo("201");
        assertThat(responseBody(create)).contains("\"code\": \"" + code + "\"");

        assertThat(execute(list)).isEqualTo("200");
        assertThat(responseBody(list)).contains("\"code\": \"" + code + "\"").contains("Swagger UI test");

        assertLoadedOnlyFromTheService();
    }

    /** The token deploy/local/token prints for {@code role}. */
    private static String scriptToken(String role) throws Exception {
        assumeTrue(Browsers.onPath("openssl").isPresent(), "deploy/local/token needs openssl");
        Process script = new ProcessBuilder(Infrastructure.repositoryRoot().resolve("deploy/local/token").toString(), role)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String token = new String(script.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(script.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(script.exitValue()).isZero();
        return token;
    }

    /** Authorize, Logout, Close: calls go without a token again. */
    private void logout() {
        browser.findElement(By.cssSelector(".auth-wrapper button.authorize")).click();
        WebElement dialog = Awaitility.await().atMost(WAIT).until(
                () -> browser.findElements(By.cssSelector(".dialog-ux .modal-ux")).stream().findFirst().orElse(null),
                element -> element != null);
        dialog.findElements(By.cssSelector(".auth-btn-wrapper button")).stream()
                .filter(button -> button.getText().strip().equals("Logout")).findFirst()
                .orElseThrow(() -> new AssertionError("no Logout in the authorization dialog: " + dialog.getText()))
                .click();
        Awaitility.await().atMost(WAIT).until(() -> !dialog.findElements(By.cssSelector("input[type=text], input[type=password]")).isEmpty());
        dialog.findElement(By.cssSelector(".auth-btn-wrapper button.btn-done")).click();
    }

    /** Authorize, the bearer scheme's field, Authorize, Close: the token goes on every call from then on. */
    private void authorize(String token) {
        browser.findElement(By.cssSelector(".auth-wrapper button.authorize")).click();
        WebElement dialog = Awaitility.await().atMost(WAIT).until(
                () -> browser.findElements(By.cssSelector(".dialog-ux .modal-ux")).stream().findFirst().orElse(null),
                element -> element != null);
        assertThat(dialog.getText()).contains("bearer").contains("JWT");
        type(dialog.findElement(By.cssSelector("input[type=text], input[type=password]")), token);
        dialog.findElement(By.cssSelector(".auth-btn-wrapper button.authorize")).click();
        Awaitility.await().atMost(WAIT).until(() -> dialog.getText().contains("Authorized"));
        dialog.findElement(By.cssSelector(".auth-btn-wrapper button.btn-done")).click();
    }

    /** Opens the operation (Swagger UI ids it {@code operations-<tag>-<operationId>}) and presses "Try it out". */
    private WebElement tryItOut(String tag, String operationId) {
        WebElement operation = browser.findElement(By.id("operations-" + tag + "-" + operationId));
        if (operation.findElements(By.cssSelector(".opblock-body")).isEmpty()) {
            scrollTo(operation.findElement(By.cssSelector(".opblock-summary")));
            operation.findElement(By.cssSelector(".opblock-summary")).click();
        }
        WebElement tryOut = Awaitility.await().atMost(WAIT).until(
                () -> operation.findElements(By.cssSelector("button.try-out__btn")).stream().findFirst().orElse(null),
                element -> element != null);
        scrollTo(tryOut);
        tryOut.click();
        return operation;
    }

    /** Presses Execute and returns the status code Swagger UI shows under "Server response". */
    private String execute(WebElement operation) {
        // an earlier answer of this operation is cleared first, so the status read below is this call's
        for (WebElement clear : operation.findElements(By.cssSelector("button.btn-clear"))) {
            scrollTo(clear);
            clear.click();
            Awaitility.await().atMost(WAIT).until(() -> operation.findElements(By.cssSelector(".live-responses-table")).isEmpty());
        }
        WebElement execute = operation.findElement(By.cssSelector("button.execute"));
        scrollTo(execute);
        execute.click();
        return Awaitility.await().atMost(WAIT).until(() -> operation
                .findElements(By.cssSelector(".live-responses-table .response .response-col_status")).stream()
                .map(WebElement::getText).map(String::strip).filter(text -> !text.isEmpty()).findFirst().orElse(""),
                status -> !status.isEmpty());
    }

    private String responseBody(WebElement operation) {
        return operation.findElement(By.cssSelector(".live-responses-table .response .response-col_description")).getText();
    }

    /**
     * Enters {@code text} into an empty field as typing would end: all but its last character set as the field's
     * value with an input event, then the last one typed. Each keystroke re-renders Swagger UI over inventory's whole
     * document, so typing a token or a body key by key took a good part of this test's time (half a second a key).
     */
    private void type(WebElement field, String text) {
        ((JavascriptExecutor) browser).executeScript("""
                const field = arguments[0];
                const type = field.tagName === 'TEXTAREA' ? HTMLTextAreaElement : HTMLInputElement;
                Object.getOwnPropertyDescriptor(type.prototype, 'value').set.call(field, arguments[1]);
                field.dispatchEvent(new Event('input', { bubbles: true }));""",
                field, text.substring(0, text.length() - 1));
        field.sendKeys(text.substring(text.length() - 1));
        Awaitility.await().atMost(WAIT).until(() -> text.equals(field.getDomProperty("value")));
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** Swagger UI's scripts, styles, images and document all came from the service: no CDN, no validator badge. */
    @SuppressWarnings("unchecked")
    private void assertLoadedOnlyFromTheService() {
        List<String> loaded = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name)"
                        + ".concat([location.href]);");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("http://127.0.0.1:" + root.getPort() + "/"));
        assertThat(loaded).anyMatch(url -> url.contains("/q/openapi"));
    }
}
