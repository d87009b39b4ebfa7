package org.virtguard.flows.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.virtguard.model.TrustZone;

/** The flattened prefix matching of {@link CidrZoneResolver} against {@link Cidr#contains} tried in order. */
class CidrZoneResolverTest {

    private static String v4(Random random, int octets) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sb.append(i > 0 ? "." : "").append(i < octets ? random.nextInt(4) * 64 : random.nextInt(256));
        }
        return sb.toString();
    }

    private static String v6(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(i > 0 ? ":" : "").append(Integer.toHexString(i < 6 ? random.nextInt(3) * 0x4000
                    : random.nextInt(0x10000)));
        }
        return sb.toString();
    }

    @Test
    void firstMatchingZoneIsTheNaiveOneOnSeededRandomPrefixes() {
        for (int seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            List<CidrZoneResolver.ZoneDefinition> zones = new ArrayList<>();
            int zoneCount = 1 + random.nextInt(6);
            for (int z = 0; z < zoneCount; z++) {
                List<Cidr> prefixes = new ArrayList<>();
                for (int k = random.nextInt(4); k > 0; k--) {
                    prefixes.add(random.nextBoolean()
                            ? Cidr.parse(v4(random, 4) + "/" + random.nextInt(33))
                            : Cidr.parse(v6(random) + "/" + random.nextInt(129)));
                }
                zones.add(new CidrZoneResolver.ZoneDefinition(new TrustZone("z" + z, z, false), prefixes, List.of()));
            }
            CidrZoneResolver resolver = new CidrZoneResolver(zones);
            for (int i = 0; i < 3_000; i++) {
                long[] a = Cidr.address(random.nextBoolean() ? v4(random, random.nextInt(5)) : v6(random));
                TrustZone naive = null;
                for (CidrZoneResolver.ZoneDefinition z : zones) {
                    if (naive == null && z.prefixes().stream().anyMatch(c -> c.contains(a[0], a[1]))) {
                        naive = z.zone();
                    }
                }
                assertThat(resolver.zoneOf(a[0], a[1])).as("seed " + seed + " address " + i).isEqualTo(naive);
            }
        }
    }

    @Test
    void ipv4AndIpv6DefaultRoutesDoNotMatchTheOtherFamily() {
        CidrZoneResolver resolver = new CidrZoneResolver(List.of(
                new CidrZoneResolver.ZoneDefinition(new TrustZone("v6", 0, false), List.of(Cidr.parse("::/0")),
                        List.of()),
                new CidrZoneResolver.ZoneDefinition(new TrustZone("v4", 0, false), List.of(Cidr.parse("0.0.0.0/0")),
                        List.of())));

        long[] v4 = Cidr.address("198.51.100.7");
        long[] v6 = Cidr.address("2001:db8::1");
        assertThat(resolver.zoneOf(v4[0], v4[1]).name()).isEqualTo("v4");
        assertThat(resolver.zoneOf(v6[0], v6[1]).name()).isEqualTo("v6");
    }
}
