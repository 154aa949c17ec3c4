package io.stockline.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver, for browser tests. The browser reaches nothing
 * beyond loopback. Where chromium or chromedriver is missing the test is skipped, unless
 * {@code STOCKLINE_BROWSER_TESTS=required} (.ci/run installs both and sets it), when it fails.
 */
public final class Browsers {

    private Browsers() {
    }

    /** A new headless chromium of {@code width} x {@code height} CSS pixels; the caller quits it. */
    public static WebDriver headlessChromium(int width, int height) {
        Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = onPath("chromedriver");
        String missing = chromium.isEmpty() ? "chromium" : driver.isEmpty() ? "chromedriver" : null;
        if (missing != null && "required".equals(System.getenv("STOCKLINE_BROWSER_TESTS"))) {
            fail(missing + " is not installed, and STOCKLINE_BROWSER_TESTS=required");
        }
        assumeTrue(missing == null, missing + " is not installed (apt-get install chromium chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        // Both paths given, so Selenium Manager never runs (it would download a browser or driver).
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--disable-background-networking", "--no-first-run",
                "--disable-extensions",
                // nothing beyond loopback: every other host name resolves to nothing
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as target/screenshots/{name}.png and returns the file. */
    public static Path screenshot(WebDriver browser, String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            return Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first of {@code programs} found on the PATH. */
    public static Optional<Path> onPath(String... programs) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String program : programs) {
            Optional<Path> found = Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, program))
                    .filter(Files::isExecutable).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
