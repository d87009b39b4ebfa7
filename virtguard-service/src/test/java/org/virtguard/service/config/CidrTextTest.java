package org.virtguard.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "0.0.0.0/0", "192.0.2.7", "192.0.2.7/32", "::/0", "::", "2001:db8::/32",
            "fe80::1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::ffff:10.0.0.0/104", "2001:DB8:0:0:0:0:0:0/32"})
    void takesAddressesAndBlocks(String text) {
        assertThat(CidrText.problem(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "256.0.0.0", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::",
            ":1:2:3:4:5:6:7", "fe80::1%eth0", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/33", "2001:db8::/129",
            "g::1", "1.2.3.4::", "example.org", "12345::", "10.0.0.1/8", "2001:db8::1/32", "1.2.3.4/08a"})
    void refusesAnythingElse(String text) {
        assertThat(CidrText.problem(text)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:7", "1:2:3:4:5:6:1.2.3.4:5", "::1.2.3"})
    void refusesMalformedIpv6(String text) {
        assertThat(CidrText.address(text)).isNull();
    }
}
