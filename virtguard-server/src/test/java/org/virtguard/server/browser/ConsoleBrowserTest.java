package org.virtguard.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.virtguard.model.InternalText;
import org.virtguard.server.ServerTestAccess;
import org.virtguard.store.security.Role;

/**
 * The console in real headless Chromium: log in, compare the dashboard with the API, watch a live
 * inventory change arrive without reloading, open a VM, acknowledge an alert, find it in the audit log.
 * Screenshots of each page go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private ServerTestAccess server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        browser = HeadlessChromium.start();
        server = ServerTestAccess.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anOperatorWorksThroughTheConsole() throws IOException {
        browser.get(server.baseUrl() + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        screenshot("01-login");
        browser.findElement(By.name("username")).sendKeys("operator");
        browser.findElement(By.name("password")).sendKeys(server.password());
        browser.findElement(By.cssSelector("form.login button")).click();
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
        } catch (RuntimeException e) {
            System.out.println("login did not reach the dashboard; at " + browser.getCurrentUrl() + ": " + browser.getPageSource());
            throw e;
        }

        JsonNode api = server.getJson("/api/v1/dashboard", Role.VIEWER);
        assertThat(field("hosts")).isEqualTo(api.path("hosts").asText());
        assertThat(field("vms")).isEqualTo(api.path("vms").asText());
        assertThat(field("runningVms")).isEqualTo(api.path("runningVms").asText());
        assertThat(field("openAlertsBySeverity.HIGH")).isEqualTo(api.path("openAlertsBySeverity").path("HIGH").asText());
        assertThat(field("failingBySeverity.HIGH")).isEqualTo(api.path("failingBySeverity").path("HIGH").asText())
                .isEqualTo("1");
        screenshot("02-dashboard");

        server.addVm("cafe-new01", "new01", "dmz");
        wait.until(d -> field("vms").equals(String.valueOf(api.path("vms").asInt() + 1)));
        wait.until(d -> d.findElement(By.id("recent-changes")).getText().contains("new01"));
        screenshot("03-dashboard-live-change");

        browser.get(server.baseUrl() + "/inventory?q=web");
        List<WebElement> rows = browser.findElements(By.cssSelector("#vm-table tbody tr"));
        assertThat(rows).hasSize(1);
        screenshot("04-inventory-search");
        rows.get(0).findElement(By.linkText("web01")).click();
        wait.until(ExpectedConditions.titleContains("VM web01"));
        assertThat(browser.findElement(By.id("nic-table")).getText()).contains("52:54:00:00:00:01").contains("dmz");
        screenshot("05-vm");

        browser.get(server.baseUrl() + "/topology");
        assertThat(browser.findElement(By.cssSelector(".node-host")).getText()).contains("kvm-a").contains("mixed trust");
        screenshot("06-topology");

        browser.get(server.baseUrl() + "/alerts");
        WebElement alert = browser.findElements(By.cssSelector("tr.alert-item")).stream()
                .filter(e -> e.getText().contains("SSH brute force")).findFirst().orElseThrow();
        alert.findElement(By.name("note")).sendKeys("source blocked at the edge firewall");
        alert.findElement(By.cssSelector("button")).click();
        wait.until(ExpectedConditions.urlToBe(server.baseUrl() + "/alerts"));
        assertThat(browser.getPageSource()).contains("operator: source blocked at the edge firewall");
        screenshot("07-alerts");

        browser.get(server.baseUrl() + "/findings");
        WebElement finding = browser.findElement(By.cssSelector("form.exception"));
        finding.findElement(By.name("justification")).sendKeys("legacy load balancer needs it until the Q1 migration");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]", finding.findElement(By.name("expires")),
                java.time.LocalDate.now().plusDays(30).toString());
        screenshot("08-findings");
        finding.findElement(By.cssSelector("button")).click();
        wait.until(ExpectedConditions.urlToBe(server.baseUrl() + "/findings"));
        assertThat(browser.findElement(By.id("findings-table")).getText()).contains("accepted risk");
        assertThat(InternalText.find(browser.findElement(By.tagName("body")).getText())).isEmpty();

        browser.get(server.baseUrl() + "/audit");
        assertThat(browser.findElement(By.id("chain-status")).getText()).startsWith("Hash chain verified");
        String audit = browser.findElement(By.id("audit-table")).getText();
        assertThat(audit).contains("alert.acknowledge").contains("source blocked at the edge firewall")
                .contains("exception.grant").contains("legacy load balancer needs it until the Q1 migration")
                .contains("session.login");
        screenshot("09-audit");
    }

    private String field(String name) {
        return browser.findElement(By.cssSelector("[data-field='" + name + "']")).getText();
    }

    private void screenshot(String name) throws IOException {
        Path target = SCREENSHOTS.resolve(name + ".png");
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("screenshot: " + target.toAbsolutePath());
    }
}
