package org.virtguard.logs.detect;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.virtguard.logs.parse.AuthEvent;
import org.virtguard.logs.parse.AuthOutcome;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;
import org.virtguard.spi.EndpointResolver;

/**
 * Turns authentication events into incidents: brute force (short and slow windows), password spraying,
 * distributed guessing of one account, success after failures (critical), logins from outside the management
 * zone, lockouts and lockout storms. Windows run on event time, so offline analysis and live intake agree.
 * Memory is bounded by {@link DetectorConfig#maxTrackedKeys()}. Thread-safe (methods are synchronized).
 */
public final class AuthDetector {

    static final String UNKNOWN_SOURCE = "unknown";
    /** Failures remembered per source or account; counts within a window saturate here. */
    private static final int WINDOW_REACH = 32;

    private final DetectorConfig config;
    private final EndpointResolver resolver;
    private final AlertBook book;
    private final BoundedLru<String, PairState> pairs;
    private final BoundedLru<String, BoundedLru<String, Long>> accountSources;
    private final BoundedLru<String, FailureWindow> accountFailures;
    private final FailureWindow lockouts;
    private final BoundedLru<String, Long> recentLockouts = new BoundedLru<>(1024);
    private final long window;
    private final long slowWindow;
    private long events;

    public AuthDetector(DetectorConfig config, EndpointResolver resolver, AlertListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.book = new AlertBook(config.maxTrackedKeys(), listener);
        this.pairs = new BoundedLru<>(config.maxTrackedKeys());
        this.accountSources = new BoundedLru<>(config.maxTrackedKeys());
        this.accountFailures = new BoundedLru<>(config.maxTrackedKeys());
        this.lockouts = new FailureWindow(config.lockoutStorm());
        this.window = config.window().toMillis();
        this.slowWindow = config.slowWindow().toMillis();
    }

    /** Feeds one event. */
    public synchronized void accept(AuthEvent e) {
        events++;
        switch (e.outcome()) {
            case FAILURE -> onFailure(e);
            case SUCCESS -> onSuccess(e);
            case LOCKOUT -> onLockout(e);
            default -> { }
        }
    }

    /** Every open incident as an alert, most severe first. */
    public synchronized List<Alert> alerts() {
        return book.alerts();
    }

    /** Events fed so far. */
    public synchronized long events() {
        return events;
    }

    private void onFailure(AuthEvent e) {
        String src = e.source() == null ? UNKNOWN_SOURCE : e.source();
        String host = e.targetHost();
        String pairKey = src + '|' + host;
        PairState st = pairs.get(pairKey);
        if (st == null) {
            st = new PairState(Math.max(Math.max(config.failures(), config.slowFailures()),
                    Math.max(config.takeoverFailures(), WINDOW_REACH)),
                    config.evidenceLines(), Math.max(2 * config.sprayAccounts(), 32));
            pairs.put(pairKey, st);
        }
        long t = e.time();
        st.failures.add(t, e.attempts());
        st.total += e.attempts();
        st.firstFailure = Math.min(st.firstFailure, t);
        if (e.invalidUser()) {
            st.invalidUserAttempts += e.attempts();
        }
        if (e.user() != null) {
            st.accounts.put(e.user(), t);
        }
        int inWindow = st.failures.countSince(t - window);
        int inSlowWindow = st.failures.countSince(t - slowWindow);
        if (st.bruteKey == null) {
            st.bruteKey = "auth.bruteforce|" + pairKey;
            st.sprayKey = "auth.spraying|" + pairKey;
        }
        String bruteKey = st.bruteKey;
        Incident brute = book.get(bruteKey);
        if (brute == null && inWindow < config.failures() && inSlowWindow < config.slowFailures()) {
            st.remember(e.line());
        } else {
            Severity sev = inWindow >= config.failures() ? Severity.HIGH : Severity.MEDIUM;
            boolean created = brute == null;
            PairState state = st;
            brute = book.open(bruteKey, () -> {
                Incident i = new Incident(bruteKey, "auth.bruteforce", sev, endpoint(e.source()), target(host),
                        state.firstFailure, config.evidenceLines());
                state.replayInto(i);
                for (String account : state.accounts.keySet()) {
                    i.account(account);
                }
                i.titler = x -> (x.severity == Severity.HIGH ? "Brute force: " : "Slow brute force: ") + x.count
                        + " failed logins from " + src + " on " + host + " (" + x.accountCount() + " account"
                        + ("1".equals(x.accountCount()) ? "" : "s") + ")";
                return i;
            });
            AlertListener.Change change = created ? AlertListener.Change.CREATED : AlertListener.Change.UPDATED;
            if (sev.compareTo(brute.severity) > 0) {
                brute.severity = sev;
                change = AlertListener.Change.ESCALATED;
            }
            brute.seen(t);
            brute.count = st.total;
            brute.account(e.user());
            brute.evidence(e.line());
            if (created || change == AlertListener.Change.ESCALATED) {
                brute.attributes.put("service", e.service());
                brute.attributes.put("thresholdReached", inWindow >= config.failures()
                        ? config.failures() + " in " + config.window() : config.slowFailures() + " in " + config.slowWindow());
            }
            if (created || e.invalidUser()) {
                brute.attributes.put("invalidUserAttempts", Long.toString(st.invalidUserAttempts));
            }
            book.published(brute, change);
        }
        spraying(e, src, host, st, t);
        if (e.user() != null) {
            String accountKey = e.user() + '|' + host;
            FailureWindow perAccount = accountFailures.get(accountKey);
            if (perAccount == null) {
                perAccount = new FailureWindow(Math.max(config.takeoverFailures(), WINDOW_REACH));
                accountFailures.put(accountKey, perAccount);
            }
            perAccount.add(t, e.attempts());
            distributed(e, accountKey, host, t);
        }
    }

    private void spraying(AuthEvent e, String src, String host, PairState st, long t) {
        if (e.user() == null) {
            return;
        }
        String key = st.sprayKey;
        Incident spray = book.get(key);
        if (spray == null && (st.accounts.size() < config.sprayAccounts()
                || st.accountsSince(t - slowWindow) < config.sprayAccounts())) {
            return;
        }
        boolean created = spray == null;
        spray = book.open(key, () -> {
            Incident i = new Incident(key, "auth.spraying", Severity.HIGH, endpoint(e.source()), target(host), st.firstFailure,
                    config.evidenceLines());
            for (String account : st.accounts.keySet()) {
                i.account(account);
            }
            i.attributes.put("service", e.service());
            i.titler = x -> "Password spraying: " + src + " tried " + x.accountCount() + " accounts on " + host;
            return i;
        });
        spray.seen(t);
        spray.count = st.total;
        spray.account(e.user());
        spray.evidence(e.line());
        book.published(spray, created ? AlertListener.Change.CREATED : AlertListener.Change.UPDATED);
    }

    private void distributed(AuthEvent e, String accountKey, String host, long t) {
        if (e.source() == null) {
            return;
        }
        BoundedLru<String, Long> sources = accountSources.get(accountKey);
        if (sources == null) {
            sources = new BoundedLru<>(Math.max(2 * config.distributedSources(), 16));
            accountSources.put(accountKey, sources);
        }
        sources.put(e.source(), t);
        String key = "auth.distributed|" + e.user() + '|' + host;
        Incident dist = book.get(key);
        if (dist == null) {
            if (sources.size() < config.distributedSources()) {
                return;
            }
            int recent = 0;
            for (Map.Entry<String, Long> s : sources.entrySet()) {
                if (s.getValue() >= t - slowWindow) {
                    recent++;
                }
            }
            if (recent < config.distributedSources()) {
                return;
            }
        }
        boolean created = dist == null;
        BoundedLru<String, Long> known = sources;
        dist = book.open(key, () -> {
            Incident i = new Incident(key, "auth.distributed", Severity.HIGH, null, target(host), t,
                    config.evidenceLines());
            for (String s : known.keySet()) {
                i.source(s);
            }
            i.attributes.put("service", e.service());
            String user = e.user();
            i.titler = x -> "Distributed guessing of '" + user + "' on " + host + " from " + x.sourceCount() + " sources";
            return i;
        });
        dist.seen(t);
        dist.count += e.attempts();
        dist.account(e.user());
        dist.source(e.source());
        dist.evidence(e.line());
        book.published(dist, created ? AlertListener.Change.CREATED : AlertListener.Change.UPDATED);
    }

    private void onSuccess(AuthEvent e) {
        if (e.source() == null) {
            onSuccessWithoutSource(e);
            return;
        }
        String host = e.targetHost();
        String user = e.user() == null ? "?" : e.user();
        long t = e.time();
        PairState st = pairs.get(e.source() + '|' + host);
        int before = st == null ? 0 : st.failures.countSince(t - slowWindow);
        Endpoint source = endpoint(e.source());
        String kind;
        Severity severity;
        String title;
        if (before >= config.takeoverFailures()) {
            kind = "auth.takeover";
            severity = Severity.CRITICAL;
            title = "Likely account takeover: " + user + " logged in to " + host + " from " + e.source() + " after "
                    + before + " failed attempts";
            Incident brute = book.get("auth.bruteforce|" + e.source() + '|' + host);
            if (brute != null) {
                brute.attributes.put("followedBySuccess", user);
                book.published(brute, AlertListener.Change.UPDATED);
            }
        } else if (source.zone() != null && !source.zone().management()) {
            kind = "auth.login.outside-management";
            severity = Severity.HIGH;
            title = "Management login by " + user + " to " + host + " from " + e.source() + " in zone "
                    + source.zone().name() + ", outside the management zone";
        } else if (source.zone() == null) {
            kind = "auth.login";
            severity = before > 0 ? Severity.MEDIUM : Severity.INFO;
            title = "Login by " + user + " to " + host + " from " + e.source() + " (no zone known for the source)"
                    + (before > 0 ? " after " + before + " failed attempt" + (before == 1 ? "" : "s") : "");
        } else {
            return;
        }
        String key = kind + '|' + e.source() + '|' + host + '|' + user;
        boolean created = book.get(key) == null;
        Incident i = book.open(key, () -> new Incident(key, kind, severity, source, target(host), t,
                config.evidenceLines()));
        if (st != null && created) {
            st.replayInto(i);
        }
        i.seen(t);
        i.count++;
        i.account(user);
        i.evidence(e.line());
        i.title = title;
        i.attributes.put("service", e.service());
        i.attributes.put("afterFailures", Boolean.toString(before > 0));
        i.attributes.put("precedingFailures", Integer.toString(before));
        AlertListener.Change change = created ? AlertListener.Change.CREATED : AlertListener.Change.UPDATED;
        if (severity.compareTo(i.severity) > 0) {
            i.severity = severity;
            change = AlertListener.Change.ESCALATED;
        }
        book.published(i, change);
    }

    /** Products such as Proxmox VE log no address on success: judge by the account's recent failures instead. */
    private void onSuccessWithoutSource(AuthEvent e) {
        if (e.user() == null) {
            return;
        }
        String host = e.targetHost();
        long t = e.time();
        FailureWindow perAccount = accountFailures.get(e.user() + '|' + host);
        int before = perAccount == null ? 0 : perAccount.countSince(t - slowWindow);
        if (before < config.takeoverFailures()) {
            return;
        }
        String key = "auth.takeover|" + UNKNOWN_SOURCE + '|' + host + '|' + e.user();
        boolean created = book.get(key) == null;
        Incident i = book.open(key, () -> new Incident(key, "auth.takeover", Severity.CRITICAL, null, target(host), t,
                config.evidenceLines()));
        i.seen(t);
        i.count++;
        i.account(e.user());
        i.evidence(e.line());
        i.title = "Likely account takeover: " + e.user() + " logged in to " + host + " after " + before
                + " failed attempts on that account (the log names no source address)";
        i.attributes.put("service", e.service());
        i.attributes.put("afterFailures", "true");
        i.attributes.put("precedingFailures", Integer.toString(before));
        book.published(i, created ? AlertListener.Change.CREATED : AlertListener.Change.UPDATED);
    }

    private void onLockout(AuthEvent e) {
        String host = e.targetHost();
        String user = e.user() == null ? "?" : e.user();
        long t = e.time();
        String key = "auth.lockout|" + host + '|' + user;
        boolean created = book.get(key) == null;
        Incident lock = book.open(key, () -> new Incident(key, "auth.lockout", Severity.MEDIUM,
                e.source() == null ? null : endpoint(e.source()), target(host), t, config.evidenceLines()));
        lock.seen(t);
        lock.count++;
        lock.account(user);
        lock.evidence(e.line());
        lock.attributes.put("service", e.service());
        lock.title = "Account " + user + " locked on " + host + (lock.count > 1 ? " (" + lock.count + " times)" : "");
        book.published(lock, created ? AlertListener.Change.CREATED : AlertListener.Change.UPDATED);

        lockouts.add(t, 1);
        recentLockouts.put(host + '|' + user, t);
        String stormKey = "auth.lockout-storm";
        Incident storm = book.get(stormKey);
        if (storm == null && lockouts.countSince(t - window) < config.lockoutStorm()) {
            return;
        }
        boolean stormCreated = storm == null;
        storm = book.open(stormKey, () -> {
            Incident i = new Incident(stormKey, "auth.lockout-storm", Severity.HIGH, null, null, t,
                    config.evidenceLines());
            for (Map.Entry<String, Long> r : recentLockouts.entrySet()) {
                if (r.getValue() >= t - window) {
                    int bar = r.getKey().indexOf('|');
                    i.host(r.getKey().substring(0, bar));
                    i.account(r.getKey().substring(bar + 1));
                }
            }
            return i;
        });
        storm.seen(t);
        storm.count++;
        storm.account(user);
        storm.host(host);
        storm.evidence(e.line());
        storm.title = "Lockout storm: " + storm.accountCount() + " accounts locked on " + storm.hosts.size() + " host"
                + (storm.hosts.size() == 1 ? "" : "s");
        book.published(storm, stormCreated ? AlertListener.Change.CREATED : AlertListener.Change.UPDATED);
    }

    private Endpoint endpoint(String address) {
        if (address == null) {
            return null;
        }
        return Addresses.looksLikeIp(address) ? resolver.resolve(address) : Endpoint.unattributed(address);
    }

    private Endpoint target(String host) {
        if (Addresses.looksLikeIp(host)) {
            return resolver.resolve(host);
        }
        return new Endpoint(host, null, null, null, null, host, null, false);
    }

}
