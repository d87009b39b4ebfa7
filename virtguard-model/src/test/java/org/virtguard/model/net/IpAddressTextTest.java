package org.virtguard.model.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IpAddressTextTest {

    @Test
    void rfc5952Examples() throws Exception {
        assertThat(canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(canonical("2001:0db8:0:0:0:0:2:1")).isEqualTo("2001:db8::2:1");
        assertThat(canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(canonical("2001:db8:0:0:aaaa:0:0:1")).isEqualTo("2001:db8::aaaa:0:0:1");
        assertThat(canonical("2001:DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(canonical("fd00:0:0:3:a837:1ff:fe2b:4c5d")).isEqualTo("fd00::3:a837:1ff:fe2b:4c5d");
        assertThat(canonical("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(canonical("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(canonical("1:0:0:0:0:0:0:0")).isEqualTo("1::");
        assertThat(canonical("1:0:0:2:0:0:0:3")).isEqualTo("1:0:0:2::3");
        assertThat(canonical("::ffff:c000:0201")).isEqualTo("::ffff:192.0.2.1");
        assertThat(canonical("::FFFF:192.0.2.1")).isEqualTo("::ffff:192.0.2.1");
        assertThat(canonical("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(canonical("[FE80::0001%eth0]")).isEqualTo("fe80::1%eth0");
        assertThat(canonical("vcenter.example.org")).isEqualTo("vcenter.example.org");
        assertThat(canonical("010.1.1.1")).isEqualTo("010.1.1.1");
        assertThat(canonical(null)).isNull();
        assertThat(canonical("FD00:0:0:3::1/64")).isEqualTo("fd00:0:0:3::1/64");
        assertThat(canonical("fd00:0:0:3:0:0:0:1/64")).isEqualTo("fd00:0:0:3::1/64");
        assertThat(canonical("10.0.0.5/24")).isEqualTo("10.0.0.5/24");
        assertThat(IpAddressText.format(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddressText.format(InetAddress.getByName("10.0.0.255"))).isEqualTo("10.0.0.255");
        assertThat(IpAddressText.appendIpv4(new StringBuilder("a="), 0xc0000201L)).hasToString("a=192.0.2.1");
    }

    @Test
    void inventoryAndAlertEndpointsKeepTheCanonicalText() {
        org.virtguard.model.VirtualNic nic = new org.virtguard.model.VirtualNic("vm/nic0", "vm", null,
                org.virtguard.model.NicAttachment.values()[0], null, null, null, null, null, null, null, null,
                org.virtguard.model.Collected.of(java.util.List.of("FD00:0:0:3:A837:0:0:1/64", "10.0.0.5", "host.example")),
                true);
        assertThat(nic.ipAddresses().value()).containsExactly("fd00::3:a837:0:0:1/64", "10.0.0.5", "host.example");
        assertThat(org.virtguard.model.Endpoint.unattributed("2001:DB8:0:0:0:0:0:1").address()).isEqualTo("2001:db8::1");
        assertThat(org.virtguard.model.Endpoint.unattributed("kvm01").address()).isEqualTo("kvm01");
    }

    @Test
    void seededAddressesRoundTripAndFollowTheRules() throws Exception {
        Random random = new Random(5952);
        for (int n = 0; n < 20_000; n++) {
            byte[] raw = new byte[16];
            random.nextBytes(raw);
            for (int g = 0; g < 8; g++) {
                if (random.nextInt(3) == 0) {
                    raw[2 * g] = 0;
                    raw[2 * g + 1] = 0;
                }
            }
            if (random.nextInt(5) == 0) {
                raw[2 * random.nextInt(8)] = 0;
            }
            String text = IpAddressText.format(raw);
            assertThat(InetAddress.getByName(text).getAddress()).as(text).isEqualTo(mappedAware(raw));
            assertThat(text).as(text).isEqualTo(text.toLowerCase()).doesNotContain(":::").doesNotContainPattern("(^|:)0[0-9a-f]");
            assertThat(text.split("::", -1).length).as(text).isLessThanOrEqualTo(2);
            String[] groups = InetAddress.getByName(text).getHostAddress().split(":");
            int longest = 0;
            for (int i = 0, run = 0; i < groups.length; i++) {
                run = groups[i].equals("0") ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            if (groups.length == 8 && longest >= 2) {
                assertThat(text).as("longest zero run compressed").contains("::");
                String compressed = text.substring(0, text.indexOf("::"));
                assertThat(compressed.isEmpty() ? 0 : compressed.split(":").length).as(text)
                        .isEqualTo(firstRunOf(groups, longest));
            } else if (groups.length == 8) {
                assertThat(text).as("no :: for a single zero group").doesNotContain("::");
            }
            assertThat(IpAddressText.canonical(text)).isEqualTo(text);
            assertThat(IpAddressText.canonical(InetAddress.getByAddress(raw).getHostAddress().toUpperCase())).isEqualTo(text);
        }
    }

    private static int firstRunOf(String[] groups, int length) {
        for (int i = 0, run = 0; i < groups.length; i++) {
            run = groups[i].equals("0") ? run + 1 : 0;
            if (run == length) {
                return i - length + 1;
            }
        }
        return -1;
    }

    private static byte[] mappedAware(byte[] raw) throws Exception {
        return InetAddress.getByAddress(raw).getAddress();
    }

    private static String canonical(String text) {
        return IpAddressText.canonical(text);
    }
}
