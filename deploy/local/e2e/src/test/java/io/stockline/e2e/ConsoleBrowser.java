package io.stockline.e2e;

import java.time.Duration;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.stockline.testsupport.Browsers;
import io.stockline.testsupport.ServiceProcess;

/**
 * Headless chromium (test-support's Browsers) on the console running as a process: the development sign-in, waits for
 * what a page shows, and a screenshot under target/screenshots when a step fails.
 */
final class ConsoleBrowser {

    /** Pushes, retries and the channel table's own 5 s refresh all lie between a change and what the page shows. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private final WebDriver browser;
    private final ServiceProcess console;

    private ConsoleBrowser(WebDriver browser, ServiceProcess console) {
        this.browser = browser;
        this.console = console;
    }

    /**
     * Runs {@code steps} in a new browser and quits it; a failing step leaves target/screenshots/failed-{name}.png.
     * Skipped (as Browsers skips) where chromium or chromedriver is missing.
     */
    static void use(ServiceProcess console, String name, Consumer<ConsoleBrowser> steps) {
        WebDriver browser = Browsers.headlessChromium(1280, 800);
        try {
            steps.accept(new ConsoleBrowser(browser, console));
        } catch (RuntimeException | Error failure) {
            Browsers.screenshot(browser, "failed-" + name);
            throw failure;
        } finally {
            browser.quit();
        }
    }

    /** The development sign-in's button for {@code role}; lands on the overview as local-{role}. */
    void signInAs(String role) {
        open("/sign-in");
        find(By.id("dev-" + role)).click();
        await("signed in as " + role).until(() -> browser.getCurrentUrl().endsWith("/overview")
                && browser.findElement(By.cssSelector(".who")).getText().contains("local-" + role));
    }

    /** The console's page at {@code path}, on 127.0.0.1 (the browser resolves no other name). */
    void open(String path) {
        browser.get(console.url(path));
    }

    /** The element, once the page shows it. */
    WebElement find(By by) {
        return await("the page shows " + by).until(() -> browser.findElement(by), element -> element != null);
    }

    /**
     * Waits with the page's exceptions ignored: a table htmx swaps in anew leaves the element read before it stale,
     * so a condition reads it again on every poll.
     */
    ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions();
    }

    void screenshot(String name) {
        Browsers.screenshot(browser, name);
    }

    WebDriver driver() {
        return browser;
    }
}
