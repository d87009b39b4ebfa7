package org.virtguard.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

class AdminBootstrapTest {

    private final PasswordHasher hasher = new PasswordHasher(256, 1, 1);

    @Test
    void theGeneratedFirstPasswordMustBeChangedAtTheFirstLogin(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(StoreConfig.embedded(Files.createDirectories(dir.resolve("data"))))) {
            char[] generated = AdminBootstrap.ensureAdmin(store.security(), hasher, null, Instant.now()).orElseThrow();
            Authenticator authenticator = new Authenticator(store.security(), hasher, SecurityPolicy.defaults(),
                    Clock.systemUTC());

            LoginResult first = authenticator.login(AdminBootstrap.ADMIN_USER, generated, "192.0.2.1");

            assertThat(first.succeeded()).isTrue();
            assertThat(first.passwordChangeRequired()).isTrue();
            assertThat(authenticator.session(first.sessionId()).orElseThrow().passwordChangeRequired()).isTrue();
        }
    }

    @Test
    void aFirstPasswordFromTheEnvironmentMustSatisfyThePolicy(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(StoreConfig.embedded(Files.createDirectories(dir.resolve("data"))))) {
            assertThatThrownBy(() -> AdminBootstrap.ensureAdmin(store.security(), hasher, "admin-password-1",
                    Instant.now())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("VIRTGUARD_ADMIN_PASSWORD").hasMessageContaining("rule 'username'")
                    .hasMessageNotContaining("admin-password-1");
            assertThatThrownBy(() -> AdminBootstrap.ensureAdmin(store.security(), hasher, "aaaaaaaaaaaa",
                    Instant.now())).hasMessageContaining("rule 'repetition'");
            assertThat(store.security().users().count()).isZero();

            assertThat(AdminBootstrap.ensureAdmin(store.security(), hasher, "tangerine ladder quietly 47",
                    Instant.now())).isEmpty();
            assertThat(store.security().users().passwordChangeRequired(AdminBootstrap.ADMIN_USER)).hasValue(false);
        }
    }
}
