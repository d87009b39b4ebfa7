package org.virtguard.cli.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.InternalText;

/**
 * Every page of the console as a user sees it in Debian's headless Chromium, checked for text no user may read:
 * {@code ResourceRef[}, raw {@code {k=v}} maps (anywhere, and any {@code {} in an evidence cell), exception names,
 * {@code <input>:} positions, stack traces ({@link InternalText}), and error pages. Reusable by any console test:
 * {@link #start()} a browser, {@link #login}, then {@link #crawl} from the dashboard or {@link #check} one page.
 * Each visit's load time (Navigation Timing) is returned, for tests with a time budget per page.
 */
public final class ConsolePages {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern RAW_MAP = Pattern.compile("\\{[^{}\\s]+=");
    private static final Set<String> NOT_PAGES = Set.of("/logout", "/login");

    private ConsolePages() {
    }

    /** Skips (or fails in CI) when Chromium or its driver is missing. */
    public static void require() {
        TestEnvironment.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium (Debian packages chromium and chromium-driver: " + CHROMIUM + ", " + CHROMEDRIVER
                        + ")");
    }

    /** Headless Chromium with a fresh profile; nothing is downloaded. */
    public static ChromeDriver start() throws IOException {
        require();
        Path profile = Files.createTempDirectory("virtguard-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Logs in through the console's form and waits until it leaves the login page. */
    public static void login(WebDriver browser, String base, String user, String password) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(base + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.login button")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /**
     * Visits {@code start} and every console page reachable from it through links of the same origin (not API
     * paths, not logout), at most {@code maxPages}, and {@link #check}s each.
     *
     * @return each page visited with its load time, in visit order
     * @throws AssertionError naming the page and the offending text at the first page that shows internals
     */
    public static Map<String, Duration> crawl(WebDriver browser, String base, String start, int maxPages) {
        Map<String, Duration> visited = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> queued = new LinkedHashSet<>(queue);
        while (!queue.isEmpty() && visited.size() < maxPages) {
            String path = queue.poll();
            visited.put(path, check(browser, base + path));
            for (WebElement a : browser.findElements(By.cssSelector("a[href]"))) {
                String href = a.getAttribute("href");
                Optional<String> local = localPath(base, href);
                if (local.isPresent() && queued.add(local.get())) {
                    queue.add(local.get());
                }
            }
        }
        return visited;
    }

    private static Optional<String> localPath(String base, String href) {
        if (href == null || !href.startsWith(base)) {
            return Optional.empty();
        }
        URI uri = URI.create(href);
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.startsWith("/api/") || path.startsWith("/static/")
                || NOT_PAGES.contains(path) || path.equals("/metrics") || path.startsWith("/healthz")
                || path.startsWith("/readyz")) {
            return Optional.empty();
        }
        return Optional.of(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * Opens {@code url} and asserts that the page shows nothing internal: no {@link InternalText} in its visible
     * text or title, no {@code {} in an evidence cell, no error page.
     *
     * @return how long the page took to load (Navigation Timing)
     */
    public static Duration check(WebDriver browser, String url) {
        browser.get(url);
        String text = browser.findElement(By.tagName("body")).getText();
        String title = browser.getTitle();
        String where = url + " (" + title + ")";
        InternalText.find(text).ifPresent(bad -> {
            throw new AssertionError(where + " shows internal text '" + bad + "' in:\n" + excerpt(text, bad));
        });
        InternalText.find(title).ifPresent(bad -> {
            throw new AssertionError(where + " has internal text in its title: " + bad);
        });
        if (RAW_MAP.matcher(text).find()) {
            throw new AssertionError(where + " shows a raw map: " + excerpt(text, "{"));
        }
        for (WebElement cell : browser.findElements(By.cssSelector("td.evidence, dl.evidence dd"))) {
            String value = cell.getText();
            if (value.contains("{") || value.contains("ResourceRef")) {
                throw new AssertionError(where + " has an evidence cell that is not labelled values: " + value);
            }
        }
        for (String error : List.of("Internal Server Error", "Server Error", "HTTP ERROR")) {
            if (title.contains(error) || text.startsWith(error)) {
                throw new AssertionError(where + " is an error page: " + excerpt(text, error));
            }
        }
        Object ms = ((JavascriptExecutor) browser).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.duration : -1;");
        return Duration.ofNanos((long) (((Number) ms).doubleValue() * 1_000_000));
    }

    private static String excerpt(String text, String around) {
        int i = Math.max(0, text.indexOf(around));
        return text.substring(Math.max(0, i - 200), Math.min(text.length(), i + 200));
    }

    /** The visible text of the elements matching {@code css} on the current page. */
    public static List<String> texts(WebDriver browser, String css) {
        List<String> out = new ArrayList<>();
        for (WebElement e : browser.findElements(By.cssSelector(css))) {
            out.add(e.getText());
        }
        return out;
    }
}
