package org.virtguard.exposure.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DebianVersionTest {

    private static int cmp(String a, String b) {
        return Integer.signum(DebianVersion.parse(a).compareTo(DebianVersion.parse(b)));
    }

    @Test
    void tildeSortsBeforeEverythingEvenTheEnd() {
        assertThat(cmp("1.0~~", "1.0~~a")).isNegative();
        assertThat(cmp("1.0~~a", "1.0~")).isNegative();
        assertThat(cmp("1.0~", "1.0")).isNegative();
        assertThat(cmp("1.0", "1.0a")).isNegative();
        assertThat(cmp("2.0~rc1", "2.0")).isNegative();
        assertThat(cmp("7.2+dfsg-7~bpo11+1", "7.2+dfsg-7")).isNegative();
    }

    @Test
    void epochsWinOverEverythingElse() {
        assertThat(cmp("1:7.2+dfsg-7", "8.0-1")).isPositive();
        assertThat(cmp("0:1.0-1", "1.0-1")).isZero();
        assertThat(cmp("2:1.0", "1:9.9")).isPositive();
    }

    @Test
    void digitsCompareNumericallyAndLettersBeforeOtherCharacters() {
        assertThat(cmp("1.10", "1.9")).isPositive();
        assertThat(cmp("1.010", "1.10")).isZero();
        assertThat(cmp("1.0a", "1.0+")).isNegative();
        assertThat(cmp("1.0+deb12u1", "1.0")).isPositive();
        assertThat(cmp("7.2+dfsg-7+deb12u6", "7.2+dfsg-7+deb12u12")).isNegative();
    }

    @Test
    void theRevisionDecidesWhenUpstreamIsEqualAndAMissingRevisionEqualsZero() {
        assertThat(cmp("9.0.0-4+deb12u1", "9.0.0-4")).isPositive();
        assertThat(cmp("9.0.0-4", "9.0.0-10")).isNegative();
        assertThat(cmp("1.0", "1.0-0")).isZero();
        assertThat(cmp("1.0-1-2", "1.0-1-10")).isNegative();
        assertThat(DebianVersion.parse("1:1.0-1-2").upstream()).isEqualTo("1.0-1");
    }

    @Test
    void orderingIsATotalOrderOnGeneratedVersions() {
        Random random = new Random(1917);
        String alphabet = "0123456789.+~ab";
        List<DebianVersion> versions = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder().append(random.nextInt(10));
            for (int j = random.nextInt(6); j > 0; j--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextBoolean()) {
                b.append('-').append(random.nextInt(5)).append(random.nextBoolean() ? "+deb12u" + random.nextInt(3) : "");
            }
            versions.add(DebianVersion.parse((random.nextInt(4) == 0 ? "1:" : "") + b));
        }
        for (DebianVersion a : versions) {
            assertThat(a.compareTo(a)).isZero();
            for (DebianVersion b : versions) {
                assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
            }
        }
        List<DebianVersion> sorted = new ArrayList<>(versions);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i - 1).compareTo(sorted.get(i))).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void hostileVersionsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> DebianVersion.parse("x1.0")).hasMessageContaining("must start with a digit");
        assertThatThrownBy(() -> DebianVersion.parse("a:1.0")).hasMessageContaining("epoch");
        assertThatThrownBy(() -> DebianVersion.parse("1.0-")).hasMessageContaining("revision");
        assertThatThrownBy(() -> DebianVersion.parse("1.0 ; rm -rf")).hasMessageContaining("characters");
        assertThatThrownBy(() -> DebianVersion.parse("1." + "9".repeat(300))).hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> DebianVersion.parse("")).hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> DebianVersion.parse("99999999999:1.0")).hasMessageContaining("epoch");
    }
}
