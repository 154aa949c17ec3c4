package io.stockline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.stockline.testsupport.Browsers;

/**
 * What the console's browser tests share: one headless chromium per class (test-support's Browsers), signed out and
 * back at desktop size after each test, the development sign-in, and a screenshot under target/screenshots when a
 * test fails.
 */
@ExtendWith(BrowserTest.ScreenshotOnFailure.class)
abstract class BrowserTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    static WebDriver browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        browser = Browsers.headlessChromium(1280, 800);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void signOut() {
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    /** The development sign-in's button for {@code role}; lands on the overview. */
    void signInAs(String role) {
        browser.get(page("/sign-in"));
        await(By.id("dev-" + role)).click();
        Awaitility.await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/overview"));
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("local-" + role);
    }

    /**
     * Waits until the element's text is {@code expected}: a form posted with htmx swaps its result in, so the element
     * found first may still be the one from before the post, and be replaced while it is read.
     */
    void awaitText(By by, String expected) {
        Awaitility.await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElement(by).getText()).isEqualTo(expected));
    }

    WebElement await(By by) {
        return Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(by), e -> e != null);
    }

    /** The console on 127.0.0.1: the browser resolves no other name. */
    String page(String path) {
        return "http://127.0.0.1:" + root.getPort() + path;
    }

    /** What the browser showed when a test failed, for whoever reads the report. */
    static class ScreenshotOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                Browsers.screenshot(browser, "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName());
            }
        }
    }
}
