package org.virtguard.flows.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.net.Cidr;
import org.virtguard.model.zones.AddressZone;
import org.virtguard.spi.ZoneResolver;

/** The flattened prefix matching of {@link ZonePrefixes} against the model's {@link Cidr} tried in order. */
class ZonePrefixesTest {

    @Test
    void firstMatchAgreesWithCidrContainsInOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<AddressZone> networks = new ArrayList<>();
            int n = 1 + random.nextInt(20);
            for (int i = 0; i < n; i++) {
                Cidr c = random.nextBoolean() ? Cidr.parse(v4(random) + "/" + random.nextInt(33))
                        : Cidr.parse(v6(random) + "/" + random.nextInt(129));
                networks.add(new AddressZone(c, new TrustZone("z" + i, i, false)));
            }
            ZonePrefixes prefixes = ZonePrefixes.of(resolver(networks));
            for (int probe = 0; probe < 200; probe++) {
                String address = random.nextBoolean() ? v4(random) : v6(random);
                long[] a = AddressTable.words(address);
                int expected = -1;
                for (int i = 0; i < networks.size(); i++) {
                    if (networks.get(i).network().contains(address)) {
                        expected = i;
                        break;
                    }
                }
                assertThat(prefixes.indexOf(a[0], a[1])).as(address + " in " + networks).isEqualTo(expected);
            }
        }
    }

    @Test
    void familiesNeverMix() {
        ZonePrefixes prefixes = ZonePrefixes.of(resolver(List.of(
                new AddressZone(Cidr.parse("::/0"), new TrustZone("v6", 0, false)),
                new AddressZone(Cidr.parse("0.0.0.0/0"), new TrustZone("v4", 0, false)))));
        long[] v4 = AddressTable.words("198.51.100.7");
        long[] v6 = AddressTable.words("2001:db8::1");
        assertThat(prefixes.zone(prefixes.indexOf(v4[0], v4[1])).name()).isEqualTo("v4");
        assertThat(prefixes.zone(prefixes.indexOf(v6[0], v6[1])).name()).isEqualTo("v6");
        assertThat(ZonePrefixes.of(ZoneResolver.none()).size()).isZero();
    }

    private static ZoneResolver resolver(List<AddressZone> networks) {
        return new ZoneResolver() {
            @Override
            public Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
                return Optional.empty();
            }

            @Override
            public Optional<TrustZone> zoneOfAddress(String address) {
                return Optional.empty();
            }

            @Override
            public Optional<List<AddressZone>> addressZones() {
                return Optional.of(networks);
            }
        };
    }

    private static String v4(Random r) {
        return (r.nextBoolean() ? 10 : r.nextInt(256)) + "." + r.nextInt(4) + "." + r.nextInt(256) + "."
                + r.nextInt(256);
    }

    private static String v6(Random r) {
        return "2001:db8:" + Integer.toHexString(r.nextInt(4)) + "::" + Integer.toHexString(r.nextInt(65_536));
    }
}
