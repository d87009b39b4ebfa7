package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.store.security.Role;

/** The inventory export as an API download and from the console's inventory page, with the read routes' access. */
class InventoryExportApiTest {

    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        fixture = new ServerFixture();
    }

    @AfterAll
    static void stop() throws IOException {
        fixture.close();
    }

    private static HttpResponse<byte[]> get(HttpRequest.Builder request) throws Exception {
        return fixture.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aViewerTokenDownloadsTheWorkbookWithOneRowPerStoredVm() throws Exception {
        HttpResponse<byte[]> r = get(fixture.request("GET", "/api/v1/inventory/export?format=xlsx")
                .header("Authorization", "Bearer " + fixture.tokens.get(Role.VIEWER)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"virtguard-inventory-\\d{8}-\\d{6}\\.xlsx\"");
        Map<String, String> entries = unzip(r.body());
        assertThat(entries.get("xl/workbook.xml")).contains("name=\"vInfo\"", "name=\"vFinding\"");
        int vms = fixture.store.inventory().vms().size();
        assertThat(vms).isPositive();
        assertThat(rows(entries.get("xl/worksheets/sheet1.xml"))).isEqualTo(1 + vms);
        assertThat(entries.get("xl/worksheets/sheet1.xml")).contains("web01");
    }

    @Test
    void csvIsAZipOfOneFilePerTab() throws Exception {
        HttpResponse<byte[]> r = get(fixture.request("GET", "/api/v1/inventory/export?format=csv")
                .header("Authorization", "Bearer " + fixture.tokens.get(Role.VIEWER)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/zip");
        Map<String, String> entries = unzip(r.body());
        assertThat(entries).containsKeys("vInfo.csv", "vNetwork.csv", "vSwitch.csv", "vSnapshot.csv", "vHost.csv",
                "vZone.csv", "vFinding.csv", "vMetaData.csv");
        assertThat(entries.get("vInfo.csv").lines().count())
                .isEqualTo(1 + fixture.store.inventory().vms().size());
    }

    @Test
    void anUnknownFormatIsRefusedAndNoCredentialsGetNothing() throws Exception {
        HttpResponse<String> bad = fixture.getWithToken("/api/v1/inventory/export?format=pdf", Role.VIEWER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("xlsx or csv");

        HttpResponse<byte[]> anonymous = get(fixture.request("GET", "/api/v1/inventory/export"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<byte[]> page = get(fixture.request("GET", "/inventory/export.xlsx"));
        assertThat(page.statusCode()).as("the console download needs a session").isIn(302, 303, 401);
        assertThat(new String(page.body(), StandardCharsets.ISO_8859_1)).doesNotContain("web01");
    }

    @Test
    void theInventoryPageLinksTheDownloadsAndASessionGetsThem() throws Exception {
        ServerFixture.Session s = fixture.login(Role.VIEWER);
        HttpResponse<String> page = fixture.send(fixture.request("GET", "/inventory")
                .header("Cookie", "vg_session=" + s.id()));
        assertThat(page.body()).contains("href=\"/inventory/export.xlsx\"", "href=\"/inventory/export.csv\"");

        HttpResponse<byte[]> xlsx = get(fixture.request("GET", "/inventory/export.xlsx")
                .header("Cookie", "vg_session=" + s.id()));
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(unzip(xlsx.body())).containsKey("xl/worksheets/sheet1.xml");
        HttpResponse<byte[]> csv = get(fixture.request("GET", "/inventory/export.csv")
                .header("Cookie", "vg_session=" + s.id()));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(unzip(csv.body())).containsKey("vInfo.csv");
    }

    @Test
    void theOpenApiDocumentListsTheExport() {
        HttpResponse<String> doc = fixture.getWithToken("/api/v1/openapi.json", Role.VIEWER);
        assertThat(ServerFixture.json(doc).path("paths").has("/api/v1/inventory/export")).isTrue();
    }

    private static int rows(String sheet) {
        int n = 0;
        for (int i = sheet.indexOf("<row "); i >= 0; i = sheet.indexOf("<row ", i + 1)) {
            n++;
        }
        return n;
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
