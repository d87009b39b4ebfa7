package org.virtguard.cli.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.virtguard.connector.tck.TestEnvironment;

/**
 * The console's alerts page as an analyst sees it: Debian's Chromium (headless, fresh profile, explicit driver
 * path, nothing downloaded) logs in through the form and opens {@code /alerts}; the rendered text is returned.
 */
public final class ConsoleAlertsPage {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ConsoleAlertsPage() {
    }

    /** Skips (or fails in CI) when Chromium or its driver is missing. */
    public static void require() {
        TestEnvironment.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium (Debian packages chromium and chromium-driver: " + CHROMIUM + ", " + CHROMEDRIVER
                        + ")");
    }

    /** Logs in as {@code user} and returns the visible text of each alert on the alerts page, newest first. */
    public static List<String> alerts(String base, String user, String password) throws IOException {
        Path profile = Files.createTempDirectory("virtguard-e2e-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            browser.get(base + "/alerts");
            wait.until(ExpectedConditions.urlContains("/login"));
            browser.findElement(By.name("username")).sendKeys(user);
            browser.findElement(By.name("password")).sendKeys(password);
            browser.findElement(By.cssSelector("form.login button")).click();
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            browser.get(base + "/alerts");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.alert-item")));
            return browser.findElements(By.cssSelector("tr.alert-item")).stream().map(e -> e.getText()).toList();
        } finally {
            browser.quit();
        }
    }
}
