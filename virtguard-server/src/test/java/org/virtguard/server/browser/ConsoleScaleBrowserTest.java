package org.virtguard.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;
import org.virtguard.server.ServerContext;
import org.virtguard.server.ServerSettings;
import org.virtguard.server.StoredFindingsPolicyView;
import org.virtguard.server.VirtGuardServer;
import org.virtguard.server.lab.ScaleLab;
import org.virtguard.server.security.PasswordHasher;
import org.virtguard.server.security.SecurityPolicy;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.findings.FindingPlacement;
import org.virtguard.store.security.Role;

/**
 * Every console page in real headless Chromium on a lab of 5,000 VMs (100 hosts, alerts, flows, responses, audit
 * entries, findings with evidence): each answers and loads in under a second, and none shows internal text. Also
 * the header search, a sortable column, the topology picture and the CSV export, used as a person would.
 * The timings of each page (server time over HTTP, and Chromium's navigation timing) are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleScaleBrowserTest {

    private static final int VMS = 5000;
    private static final String PASSWORD = "correct horse battery staple";
    private static final String SOURCE = "scale-lab";
    private static final long BUDGET_MS = 1000;

    private Path dir;
    private Store store;
    private VirtGuardServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private InventorySnapshot lab;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        dir = Files.createTempDirectory("virtguard-scale");
        store = Store.open(StoreConfig.embedded(dir.resolve("data")));
        Instant now = Instant.now();
        ScaleLab scale = new ScaleLab(SOURCE, VMS, 42);
        lab = scale.snapshot(now);
        long t0 = System.nanoTime();
        InventorySnapshot stored = scale.storeInventory(store, now);
        scale.alerts(stored, now).forEach(a -> store.alerts().record(a, a.lastSeen()));
        store.flows().add(scale.flowEdges(now));
        scale.storeResponsesAndAudit(store, stored, now);
        recordFindings(now);
        System.out.printf("scale lab: %d VMs, %d hosts stored in %d ms%n", lab.vms().size(), lab.hosts().size(),
                (System.nanoTime() - t0) / 1_000_000);
        SecurityPolicy security = new SecurityPolicy(Duration.ofMinutes(30), Duration.ofHours(12), 5,
                Duration.ofMinutes(15), 100_000, Duration.ofMinutes(1));
        ServerContext context = ServerContext.of(store, Clock.systemUTC(), new PasswordHasher(256, 1, 1), security,
                StoredFindingsPolicyView.of(store), null, ScaleLab.zones(), null);
        context.security().users().create("admin", Role.ADMIN, context.hasher().hash(PASSWORD.toCharArray()), now);
        server = new VirtGuardServer(new ServerSettings("127.0.0.1", 0, null, security), context).start();
    }

    /** A FAIL with evidence on every third VM, a NOT_COLLECTED on every seventh. */
    private void recordFindings(Instant now) {
        Map<String, String> hostOf = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < lab.vms().size(); i++) {
            VirtualMachine vm = lab.vms().get(i);
            hostOf.put(vm.id(), vm.hostId());
            ResourceRef ref = new ResourceRef(ObjectType.VM, vm.id(), vm.name());
            if (i % 3 == 0) {
                findings.add(new Finding("vm-console-exposed", ref, CheckStatus.FAIL, Severity.HIGH,
                        "Console listens beyond loopback", vm.name() + ": VNC listens on 0.0.0.0",
                        Map.of("listen", "0.0.0.0", "type", "vnc"), List.of("DISA-STIG:V-207337"), now));
            }
            if (i % 7 == 0) {
                findings.add(new Finding("vm-guest-os-supported", ref, CheckStatus.NOT_COLLECTED, Severity.MEDIUM,
                        "Guest OS support", "guest OS unknown", Map.of(), List.of(), now));
            }
        }
        store.findings().recordScan(findings, List.of("vm-console-exposed", "vm-guest-os-supported"), now,
                f -> new FindingPlacement("vm-hardening", hostOf.get(f.resource().id()), Set.of("internal")));
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private List<String> pages() {
        String host = lab.hosts().get(3).id();
        String vm = lab.vms().get(0).id();
        return List.of("/", "/inventory", "/inventory?sort=host&dir=desc&page=40", "/inventory?filter=web&power=OFF",
                "/hosts", "/hosts/" + seg(host), "/networks", "/networks/" + seg(host + "/net/dmz"), "/vms/" + seg(vm),
                "/vms/" + seg(vm) + "?tpage=2", "/topology", "/topology?expand=" + seg(host), "/findings",
                "/findings?page=3", "/zones", "/flows", "/flows?sort=bytes&dir=desc", "/alerts",
                "/alerts?severity=HIGH&sort=count&dir=desc", "/responses", "/audit", "/audit?filter=login",
                "/search?q=web0001", "/search?q=52:54:00:00:00:05", "/admin", "/account/password");
    }

    private static String seg(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void everyPageLoadsUnderASecondOnFiveThousandVmsWithoutInternalText() throws Exception {
        login();
        String cookie = "vg_session=" + browser.manage().getCookieNamed("vg_session").getValue();
        Map<String, long[]> first = measure(cookie, 1);
        Map<String, long[]> second = measure(cookie, 3);
        System.out.println("page                                                    server ms (cold / best of 3)  browser load ms (cold / best of 3)");
        second.forEach((page, t) -> System.out.printf("%-62s %6d / %-6d       %6d / %-6d%n", page, first.get(page)[0],
                t[0], first.get(page)[1], t[1]));
        for (Map.Entry<String, long[]> e : second.entrySet()) {
            assertThat(e.getValue()[0]).as("server time of " + e.getKey()).isLessThan(BUDGET_MS);
            assertThat(e.getValue()[1]).as("browser load time of " + e.getKey()).isLessThan(BUDGET_MS);
        }
    }

    /**
     * Loads every page over HTTP (server time) and in Chromium (navigation timing), {@code tries} times each, keeping
     * the best of each (the machine is shared: the best try is the page's own cost); checks each page's text.
     */
    private Map<String, long[]> measure(String cookie, int tries) throws Exception {
        Map<String, long[]> times = new LinkedHashMap<>();
        for (String page : pages()) {
            long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
            for (int i = 0; i < tries; i++) {
                long[] t = load(cookie, page);
                best[0] = Math.min(best[0], t[0]);
                best[1] = Math.min(best[1], t[1]);
            }
            times.put(page, best);
        }
        return times;
    }

    private long[] load(String cookie, String page) throws Exception {
        {
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + page))
                    .header("Cookie", cookie).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long serverMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.statusCode()).as(page + ": " + r.body()).isEqualTo(200);
            browser.get(server.baseUrl() + page);
            wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                    "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0;"))
                    .doubleValue() > 0);
            Object load = ((JavascriptExecutor) browser).executeScript(
                    "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;");
            long loadMs = Math.round(((Number) load).doubleValue());
            assertThat(browser.getTitle()).as(page).endsWith("VirtGuard").doesNotStartWith("4").doesNotStartWith("5");
            String text = browser.findElement(By.tagName("body")).getText();
            ConsolePageAssertions.assertClean(page, text, r.body());
            return new long[] {serverMs, loadMs};
        }
    }

    private void login() {
        browser.get(server.baseUrl() + "/login");
        browser.findElement(By.name("username")).sendKeys("admin");
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.login button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
    }

    @Test
    void aPersonSearchesSortsDrawsAndExports() throws Exception {
        if (browser.manage().getCookieNamed("vg_session") == null) {
            login();
        }
        browser.get(server.baseUrl() + "/");
        assertThat(browser.findElement(By.cssSelector("[data-field='vms']")).getText()).isEqualTo(String.valueOf(VMS));

        VirtualMachine target = lab.vms().get(5);
        String mac = target.nics().get(0).mac();
        var box = browser.findElement(By.cssSelector("form.header-search input[name=q]"));
        box.sendKeys(mac, Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search-results")));
        assertThat(browser.findElement(By.id("search-results")).getText()).contains("VM by MAC").contains(target.name());
        browser.findElement(By.linkText(target.name())).click();
        wait.until(ExpectedConditions.titleContains("VM " + target.name()));
        assertThat(browser.findElement(By.id("nic-table")).getText()).contains(mac);

        browser.get(server.baseUrl() + "/inventory");
        assertThat(browser.findElement(By.cssSelector("[data-field='vm-table.total']")).getText()).isEqualTo("5000");
        browser.findElement(By.linkText("Host")).click();
        wait.until(ExpectedConditions.urlContains("sort=host"));
        List<String> hosts = browser.findElements(By.cssSelector("#vm-table tbody tr td:nth-child(2)")).stream()
                .map(e -> e.getText()).toList();
        assertThat(hosts).hasSize(50).isSorted();
        browser.findElement(By.cssSelector("nav.pager a[rel=next]")).click();
        wait.until(ExpectedConditions.urlContains("page=2"));
        assertThat(browser.findElement(By.cssSelector(".list-summary")).getText()).startsWith("Rows 51–100 of 5000");

        browser.get(server.baseUrl() + "/topology");
        assertThat(browser.findElements(By.cssSelector("#topology-svg g.host"))).hasSize(lab.hosts().size());
        assertThat(browser.findElements(By.cssSelector("#topology-svg g.host.mixed"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#topology-svg rect.vm"))).as("aggregated at 5,000 VMs").isEmpty();
        var expand = browser.findElements(By.cssSelector("#topology-svg g.host a")).stream()
                .filter(a -> a.getText().startsWith("expand")).findFirst().orElseThrow();
        int shown = Integer.parseInt(expand.getText().replaceAll("[^0-9]", ""));
        assertThat(shown).isBetween(VMS / lab.hosts().size() - 1, VMS / lab.hosts().size() + 1);
        expand.click();
        wait.until(ExpectedConditions.urlContains("expand="));
        assertThat(browser.findElements(By.cssSelector("#topology-svg rect.vm"))).hasSize(shown);

        String cookie = "vg_session=" + browser.manage().getCookieNamed("vg_session").getValue();
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/inventory?format=csv&power=OFF&sort=name")).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        long off = lab.vms().stream().filter(v -> v.powerState() == org.virtguard.model.PowerState.OFF).count();
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(1 + (int) off);
        assertThat(lines.get(0)).startsWith("VM,Host,Power");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(",OFF,"));
    }
}
