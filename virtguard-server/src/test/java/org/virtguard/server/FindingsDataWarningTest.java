package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.store.security.Role;

/** The findings page shows the policy engine's data warnings (stale vulnerability data) as a banner, escaped. */
class FindingsDataWarningTest {

    private static ServerFixture fixture;
    private static StoredFindingsPolicyView view;

    @BeforeAll
    static void start() throws IOException {
        view = new StoredFindingsPolicyView();
        fixture = new ServerFixture(view);
        view.attach(fixture.store);
    }

    @AfterAll
    static void stop() throws IOException {
        fixture.close();
    }

    @Test
    void staleDataShowsABannerAndFreshDataNone() {
        view.warn(List.of());
        assertThat(fixture.getWithToken("/findings", Role.VIEWER).body()).doesNotContain("data-warning");

        view.warn(List.of("vulnerability data kev from <b>kev.json</b> is 30 days old, older than 7 days"));
        HttpResponse<String> page = fixture.getWithToken("/findings", Role.VIEWER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("class=\"notice data-warning\" role=\"alert\"",
                "kev from &lt;b&gt;kev.json&lt;/b&gt; is 30 days old").doesNotContain("<b>kev.json</b>");
    }
}
