package org.virtguard.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesIpv4AndIpv6AndPrintsCanonically() {
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse(" 192.168.122.0/24 ")).hasToString("192.168.122.0/24");
        assertThat(Cidr.parse("10.0.0.1")).hasToString("10.0.0.1/32");
        assertThat(Cidr.parse("0.0.0.0/0")).hasToString("0.0.0.0/0");
        assertThat(Cidr.parse("2001:DB8:0:0:1:0:0:1/128")).hasToString("2001:db8::1:0:0:1/128");
        assertThat(Cidr.parse("2001:db8:ca2:2::1/64")).hasToString("2001:db8:ca2:2::/64");
        assertThat(Cidr.parse("::/0")).hasToString("::/0");
        assertThat(Cidr.parse("::1")).hasToString("::1/128");
        assertThat(Cidr.parse("::ffff:192.0.2.1")).hasToString("::ffff:192.0.2.1/128");
        assertThat(Cidr.parse("fe80::")).hasToString("fe80::/128");
        assertThat(Cidr.parse("10.1.0.0/16")).isEqualTo(Cidr.parse("10.1.255.255/16"));
    }

    @Test
    void rejectsWhatIsNotALiteralNamingTheText() {
        for (String bad : new String[] {"", "kvm01.example.net", "010.0.0.1/8", "10.00.0.1", "10.0.0/8",
                "10.0.0.256/8", "10.0.0.1/33",
                "10.0.0.1/-1", "10.0.0.1/", "10.0.0.1/8/8", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::",
                "fe80::1%eth0", ":1::", "1:", "10.0.0.1/ 8", "١٠.0.0.1", "2001:db8::/129", "0x0a.0.0.1"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad.trim());
        }
        assertThatThrownBy(() -> Cidr.parse("1".repeat(10_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void containsMatchesFamilyAndPrefix() throws Exception {
        Cidr net = Cidr.parse("10.1.0.0/23");
        assertThat(net.contains("10.1.1.200")).isTrue();
        assertThat(net.contains("10.1.2.1")).isFalse();
        assertThat(net.contains(InetAddress.getByName("10.1.0.7"))).isTrue();
        assertThat(net.contains(new byte[] {10, 1, 1, 1})).isTrue();
        assertThat(net.contains(new byte[] {10, 1, 1})).isFalse();
        assertThat(net.contains("host.example")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("::1")).isFalse();
        assertThat(Cidr.parse("::/0").contains("10.0.0.1")).isFalse();
        Cidr v6 = Cidr.parse("2001:db8::/96");
        assertThat(v6.contains("2001:db8::1:2")).isTrue();
        assertThat(v6.contains("2001:db8::1:0:2")).isFalse();
        assertThat(Cidr.address("10.0.0.1/8")).isEmpty();
        assertThat(Cidr.address("10.0.0.1")).contains(Cidr.parse("10.0.0.1/32"));
    }

    @Test
    void agreesWithTheJdkOnRandomAddressesAndPrefixes() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] net = new byte[random.nextBoolean() ? 4 : 16];
            random.nextBytes(net);
            if (net.length == 16 && random.nextBoolean()) {
                java.util.Arrays.fill(net, 4 + random.nextInt(6), 10 + random.nextInt(6), (byte) 0);
            }
            int prefix = random.nextInt(net.length * 8 + 1);
            String text = InetAddress.getByAddress(net).getHostAddress() + "/" + prefix;
            Cidr c = Cidr.parse(text);
            assertThat(Cidr.parse(c.toString())).as(text).isEqualTo(c);
            byte[] probe = net.clone();
            if (random.nextBoolean()) {
                probe[random.nextInt(probe.length)] ^= (byte) (1 << random.nextInt(8));
            }
            assertThat(c.contains(probe)).as(text + " " + java.util.Arrays.toString(probe))
                    .isEqualTo(reference(net, probe, prefix));
            assertThat(c.contains(InetAddress.getByAddress(probe).getHostAddress())).isEqualTo(c.contains(probe));
        }
    }

    private static boolean reference(byte[] net, byte[] address, int prefix) {
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((net[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
