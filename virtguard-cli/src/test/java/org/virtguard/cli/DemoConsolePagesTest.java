package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.virtguard.cli.e2e.ConsolePages;
import org.virtguard.cli.e2e.FirstLogin;
import picocli.CommandLine;

/**
 * The demo's console in headless Chromium after day two, as a new user would go through it: every page reachable
 * from the dashboard (findings in each view, VMs, hosts, topology, alerts, zone matrix, responses, audit, users)
 * shows no engine internals ({@link ConsolePages}), and the findings page reads as a person expects: resources are
 * names linked to their pages, evidence is labelled values, and what was not collected is counted and listed apart,
 * after the real failures, with its reasons grouped.
 */
class DemoConsolePagesTest {

    private static final Pattern URL = Pattern.compile("Web console: (http://\\S+)");
    private static final Pattern PASSWORD = Pattern.compile("created user 'admin' with password\\s+(\\S+)");

    @TempDir
    Path temp;

    @Test
    void everyConsolePageOfTheDemoReadsAsPlainWords() throws Exception {
        LabCopy.requireLibvirt();
        ConsolePages.require();
        System.setProperty("virtguard.home", org.virtguard.connector.tck.TestEnvironment.repoRoot().toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VirtGuardCommand.commandLine(Map.of(), Clock.systemUTC());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Thread demo = new Thread(() -> cli.execute("--data-dir", temp.toString(), "demo", "--port", "0",
                "--day-two-after", "1s", "--duration", "10m"), "virtguard-demo");
        demo.setDaemon(true);
        demo.start();
        ChromeDriver browser = null;
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!out.toString().contains("== What VirtGuard recorded")) {
                assertThat(demo.isAlive()).as("the demo stopped:\n" + out + "\n" + err).isTrue();
                assertThat(System.nanoTime()).as("day two within 3 minutes:\n" + out + "\n" + err).isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(3_000);
            String base = group(URL, out.toString());
            String password = FirstLogin.changePassword(base, "admin", group(PASSWORD, out.toString()),
                    "Correct-Horse-Battery-9-Staple");
            browser = ConsolePages.start();
            ConsolePages.login(browser, base, "admin", password);

            Map<String, Duration> pages = ConsolePages.crawl(browser, base, "/", 250);
            System.out.println("console pages checked: " + pages.size());
            pages.forEach((p, t) -> System.out.println("  " + t.toMillis() + " ms  " + p));
            assertThat(pages.keySet()).as("the crawl reached every kind of page")
                    .contains("/", "/findings", "/inventory", "/topology", "/alerts", "/zones", "/responses",
                            "/audit", "/admin")
                    .anyMatch(p -> p.startsWith("/vms/")).anyMatch(p -> p.startsWith("/hosts/"))
                    .anyMatch(p -> p.startsWith("/findings?") && p.contains("state=NOT_COLLECTED"));

            ConsolePages.check(browser, base + "/findings");
            List<WebElement> rows = browser.findElements(By.cssSelector("#findings-table tbody tr"));
            assertThat(rows).as("the demo has failing findings").isNotEmpty();
            for (WebElement row : rows) {
                assertThat(row.getAttribute("class")).as("the default view lists results, not what was not collected")
                        .isNotEqualTo("status-not_collected");
                WebElement resource = row.findElement(By.cssSelector("td.resource a"));
                assertThat(resource.getAttribute("href")).matches(".*/(vms|hosts)/.+|.*/inventory\\?q=.+");
                assertThat(resource.getText()).doesNotContain("ResourceRef", "type=");
            }
            assertThat(browser.findElements(By.cssSelector("#findings-table dl.evidence dt")))
                    .as("evidence as labelled values").isNotEmpty();
            String counts = browser.findElement(By.id("finding-counts")).getText();
            assertThat(counts).contains("failing", "not collected");
            assertThat(browser.findElement(By.id("not-collected")).getText()).as("not collected, apart and grouped")
                    .contains("Not collected");

            ConsolePages.check(browser, base + "/findings?state=NOT_COLLECTED");
            for (WebElement row : browser.findElements(By.cssSelector("#findings-table tbody tr"))) {
                assertThat(row.getText()).contains("not collected").contains("cannot tell");
                assertThat(row.findElement(By.cssSelector("td.evidence")).getText()).contains("How to collect");
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
            demo.interrupt();
            demo.join(30_000);
        }
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p + " in:\n" + text).isTrue();
        return m.group(1);
    }
}
