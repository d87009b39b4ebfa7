package org.virtguard.store.security;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.Sql;

/**
 * The places (an address or a device cookie digest, as an opaque key) each account logged in from successfully.
 * Bounded per user: only the most recently used {@value #KEEP_PER_USER} are kept.
 */
public final class LoginSourceRepository {

    /** Known sources kept per user; older ones are forgotten. */
    public static final int KEEP_PER_USER = 20;
    /** Longest source key stored. */
    public static final int MAX_KEY_LENGTH = 200;

    private final Jdbi jdbi;

    LoginSourceRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records a successful login of {@code username} from each of {@code keys} at {@code at}. */
    public void remember(String username, Collection<String> keys, Instant at) {
        Instant now = Sql.truncate(at);
        jdbi.useTransaction(handle -> {
            for (String key : keys) {
                if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                    continue;
                }
                int updated = handle.createUpdate("""
                                UPDATE login_known_source SET last_success_at = :at
                                WHERE username = :u AND source_key = :k""")
                        .bind("at", now).bind("u", username).bind("k", key).execute();
                if (updated == 0) {
                    handle.createUpdate("""
                                    INSERT INTO login_known_source (username, source_key, last_success_at)
                                    VALUES (:u, :k, :at)""")
                            .bind("u", username).bind("k", key).bind("at", now).execute();
                }
            }
            List<String> stale = handle.createQuery("""
                            SELECT source_key FROM login_known_source WHERE username = :u
                            ORDER BY last_success_at DESC, source_key""")
                    .bind("u", username).mapTo(String.class).list();
            for (String key : stale.subList(Math.min(KEEP_PER_USER, stale.size()), stale.size())) {
                handle.createUpdate("DELETE FROM login_known_source WHERE username = :u AND source_key = :k")
                        .bind("u", username).bind("k", key).execute();
            }
        });
    }

    /** Which of {@code keys} are known sources of {@code username} (none for an unknown user). */
    public Set<String> knownAmong(String username, Collection<String> keys) {
        List<String> wanted = keys.stream().filter(k -> k != null && !k.isEmpty() && k.length() <= MAX_KEY_LENGTH)
                .distinct().toList();
        if (wanted.isEmpty() || username == null) {
            return Set.of();
        }
        return jdbi.withHandle(handle -> new HashSet<>(handle.createQuery("""
                        SELECT source_key FROM login_known_source WHERE username = :u AND source_key IN (<keys>)""")
                .bind("u", username).bindList("keys", wanted).mapTo(String.class).list()));
    }

    /** Forgets every known source of a user (e.g. after an admin reset their password). */
    public int forget(String username) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM login_known_source WHERE username = :u")
                .bind("u", username).execute());
    }
}
