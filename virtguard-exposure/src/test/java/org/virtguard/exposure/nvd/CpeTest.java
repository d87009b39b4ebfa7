package org.virtguard.exposure.nvd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class CpeTest {

    @Test
    void escapesStayInsideTheirComponent() {
        Cpe cpe = Cpe.parse("cpe:2.3:a:acme:web\\:server:1.0\\*:*:*:*:*:*:*:*");
        assertThat(cpe.product()).isEqualTo("web\\:server");
        assertThat(Cpe.unescape(cpe.product())).isEqualTo("web:server");
        assertThat(cpe.version()).isEqualTo("1.0\\*");
        assertThat(Cpe.parse("cpe:2.3:a:a\\\\b:c\\?d:-:*:*:*:*:*:*:*").vendor()).isEqualTo("a\\\\b");
    }

    @Test
    void anEscapedStarIsALiteralNotAWildcard() {
        assertThat(Cpe.componentMatches("1.0\\*", "1.0\\*")).isTrue();
        assertThat(Cpe.componentMatches("1.0\\*", "1.0.5")).isFalse();
        assertThat(Cpe.componentMatches("1.0*", "1.0.5")).isTrue();
        assertThat(Cpe.componentMatches("1.?", "1.5")).isTrue();
        assertThat(Cpe.componentMatches("*", "anything")).isTrue();
        assertThat(Cpe.componentMatches("-", "1.0")).isFalse();
        assertThat(Cpe.componentMatches("-", "-")).isTrue();
    }

    @Test
    void manyWildcardsDoNotBacktrackExponentially() {
        String pattern = "*a".repeat(200) + "b";
        String value = "a".repeat(800);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(Cpe.componentMatches(pattern, value)).isFalse());
        assertThat(Cpe.componentMatches("*a*b", "xxaxxb")).isTrue();
    }

    @Test
    void malformedStringsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Cpe.parse("cpe:2.3:a:qemu")).hasMessageContaining("13");
        assertThatThrownBy(() -> Cpe.parse("cpe:2.3:x:qemu:qemu:*:*:*:*:*:*:*:*")).hasMessageContaining("part");
        assertThatThrownBy(() -> Cpe.parse("cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:\\")).hasMessageContaining("escape");
        assertThatThrownBy(() -> Cpe.parse("cpe:2.3:a:qemu:qemu:1.0:*:*:*:*:*:*:*:extra")).hasMessageContaining("13");
        assertThatThrownBy(() -> Cpe.parse("cpe:2.3:a:qemu::*:*:*:*:*:*:*:*")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Cpe.parse("cpe:2.3:a:q\u0000emu:qemu:*:*:*:*:*:*:*:*")).hasMessageContaining("ASCII");
        assertThatThrownBy(() -> Cpe.parse("cpe:2.3:a:" + "x".repeat(2000) + ":q:*:*:*:*:*:*:*:*"))
                .hasMessageContaining("longer");
    }

    @Test
    void versionsCompareAcrossHypervisorStyles() {
        assertThat(NvdVersion.compare("6.5", "6.5.0")).isZero();
        assertThat(NvdVersion.compare("7.2.0", "7.2.10")).isNegative();
        assertThat(NvdVersion.compare("7.2.0-rc1", "7.2.0")).isNegative();
        assertThat(NvdVersion.compare("7.0.3o", "7.0.3")).isPositive();
        assertThat(NvdVersion.compare("9.0.0", "10.0.0")).isNegative();
        assertThat(NvdVersion.compare("8.0.2.00100", "8.0.2")).isPositive();
    }

    private static PlatformCpe qemu(String version) {
        return new PlatformCpe("a", "qemu", "qemu", version, false, false);
    }

    private static CveRecord rec(Configuration... configurations) {
        return new CveRecord("CVE-2024-9999", null, null, "Analyzed", "", null, List.of(), List.of(),
                List.of(configurations), null, null, "test");
    }

    private static CpeMatch m(String criteria, boolean vulnerable, String startIncl, String endExcl) {
        return new CpeMatch(Cpe.parse(criteria), vulnerable, startIncl, null, null, endExcl);
    }

    @Test
    void rangesAndOperatorsAndNegationDecide() {
        Configuration range = new Configuration(ConfigNode.Operator.OR, false, List.of(new ConfigNode(
                ConfigNode.Operator.OR, false, List.of(m("cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*", true, "7.0", "7.2.10")))));
        assertThat(ConfigurationMatcher.match(rec(range), List.of(qemu("7.2.0"))).verdict())
                .isEqualTo(MatchOutcome.Verdict.MATCH);
        assertThat(ConfigurationMatcher.match(rec(range), List.of(qemu("7.2.10"))).verdict())
                .isEqualTo(MatchOutcome.Verdict.NO_MATCH);
        assertThat(ConfigurationMatcher.match(rec(range), List.of(qemu("6.2.0"))).verdict())
                .isEqualTo(MatchOutcome.Verdict.NO_MATCH);

        Configuration andWithPlatform = new Configuration(ConfigNode.Operator.AND, false, List.of(
                new ConfigNode(ConfigNode.Operator.OR, false, List.of(m("cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*", true, null, "8.0"))),
                new ConfigNode(ConfigNode.Operator.OR, false, List.of(m("cpe:2.3:o:debian:debian_linux:12.0:*:*:*:*:*:*:*", false, null, null)))));
        MatchOutcome unknown = ConfigurationMatcher.match(rec(andWithPlatform), List.of(qemu("7.2.0")));
        assertThat(unknown.verdict()).isEqualTo(MatchOutcome.Verdict.UNDETERMINED);
        assertThat(unknown.reason()).contains("debian:debian_linux");
        MatchOutcome both = ConfigurationMatcher.match(rec(andWithPlatform), List.of(qemu("7.2.0"),
                new PlatformCpe("o", "debian", "debian_linux", "12.0", false, false)));
        assertThat(both.verdict()).isEqualTo(MatchOutcome.Verdict.MATCH);

        Configuration negated = new Configuration(ConfigNode.Operator.AND, false, List.of(
                new ConfigNode(ConfigNode.Operator.OR, false, List.of(m("cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*", true, null, "9.0"))),
                new ConfigNode(ConfigNode.Operator.OR, true, List.of(m("cpe:2.3:a:qemu:qemu:7.2.0:*:*:*:*:*:*:*", false, null, null)))));
        assertThat(ConfigurationMatcher.match(rec(negated), List.of(qemu("7.2.0"))).verdict())
                .isEqualTo(MatchOutcome.Verdict.NO_MATCH);
        assertThat(ConfigurationMatcher.match(rec(negated), List.of(qemu("7.1.0"))).verdict())
                .isEqualTo(MatchOutcome.Verdict.MATCH);
    }
}
