package org.virtguard.logs.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.tck.TestEnvironment;

class AuthLineParserTest {

    private final AuthLineParser parser = new AuthLineParser(YearInference.startingIn(2016, ZoneOffset.UTC));

    @Test
    void opensshFailedPasswordForInvalidUser() {
        AuthEvent e = parser.parse("Dec 10 06:55:48 LabSZ sshd[24200]: Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2");
        assertThat(e.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(e.user()).isEqualTo("webmaster");
        assertThat(e.source()).isEqualTo("173.234.31.186");
        assertThat(e.invalidUser()).isTrue();
        assertThat(e.targetHost()).isEqualTo("LabSZ");
        assertThat(e.service()).isEqualTo("sshd");
        assertThat(e.instant()).isEqualTo(Instant.parse("2016-12-10T06:55:48Z"));
    }

    @Test
    void opensshAcceptedPasswordAndPublickey() {
        AuthEvent pw = parser.parse("Dec 10 09:32:20 LabSZ sshd[24680]: Accepted password for fztu from 119.137.62.142 port 49116 ssh2");
        assertThat(pw.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(pw.user()).isEqualTo("fztu");
        assertThat(pw.source()).isEqualTo("119.137.62.142");
        AuthEvent key = parser.parse("Dec 10 09:40:01 kvm01 sshd[811]: Accepted publickey for ops from 2001:db8::7 port 50122 ssh2: ED25519 SHA256:abc");
        assertThat(key.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(key.source()).isEqualTo("2001:db8::7");
        AuthEvent badKey = parser.parse("Dec 10 09:40:02 kvm01 sshd[812]: Failed publickey for root from 192.0.2.9 port 50123 ssh2: RSA SHA256:x");
        assertThat(badKey.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(badKey.user()).isEqualTo("root");
    }

    @Test
    void ipv6SourcesInAnyFormBecomeRfc5952Text() {
        AuthEvent e = parser.parse("Dec 10 09:40:03 kvm01 sshd[813]: Failed password for root from 2001:DB8:0:0:0:0:0:7 port 50124 ssh2");
        assertThat(e.source()).isEqualTo("2001:db8::7");
        AuthEvent mapped = parser.parse("Dec 10 09:40:04 kvm01 sshd[814]: Failed password for root from ::FFFF:C000:0209 port 50125 ssh2");
        assertThat(mapped.source()).isEqualTo("::ffff:192.0.2.9");
    }

    @Test
    void messageRepeatedCountsEveryAttempt() {
        AuthEvent e = parser.parse("Dec 10 07:13:56 LabSZ sshd[24227]: message repeated 5 times: [ Failed password for root from 5.36.59.76 port 42393 ssh2]");
        assertThat(e.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(e.attempts()).isEqualTo(5);
        assertThat(e.source()).isEqualTo("5.36.59.76");
        assertThat(e.user()).isEqualTo("root");
    }

    @Test
    void invalidUserAndPreauthDisconnectsAreNoticesNotFailures() {
        AuthEvent invalid = parser.parse("Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186");
        assertThat(invalid.outcome()).isEqualTo(AuthOutcome.NOTICE);
        assertThat(invalid.invalidUser()).isTrue();
        assertThat(invalid.source()).isEqualTo("173.234.31.186");
        AuthEvent closed = parser.parse("Dec 10 06:55:48 LabSZ sshd[24200]: Connection closed by 173.234.31.186 [preauth]");
        assertThat(closed.outcome()).isEqualTo(AuthOutcome.NOTICE);
        assertThat(closed.source()).isEqualTo("173.234.31.186");
        AuthEvent bye = parser.parse("Dec 10 07:07:45 LabSZ sshd[24206]: Received disconnect from 52.80.34.196: 11: Bye Bye [preauth]");
        assertThat(bye.source()).isEqualTo("52.80.34.196");
    }

    @Test
    void pamLineInsideSshdIsAnEchoWithItsRhost() {
        AuthEvent e = parser.parse("Dec 10 07:13:31 LabSZ sshd[24227]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.36.59.76.dynamic-dsl-ip.omantel.net.om  user=root");
        assertThat(e.outcome()).isEqualTo(AuthOutcome.NOTICE);
        assertThat(e.source()).isEqualTo("5.36.59.76.dynamic-dsl-ip.omantel.net.om");
        assertThat(e.user()).isEqualTo("root");
    }

    @Test
    void linuxPamInOldLayoutIsAFailure() {
        AuthEvent e = parser.parse("Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=220-135-151-1.hinet-ip.hinet.net  user=root");
        assertThat(e.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(e.service()).isEqualTo("sshd");
        assertThat(e.source()).isEqualTo("220-135-151-1.hinet-ip.hinet.net");
        assertThat(e.user()).isEqualTo("root");
        AuthEvent sudo = parser.parse("Mar  3 11:00:00 kvm01 sudo: pam_unix(sudo:auth): authentication failure; logname=bob uid=1000 euid=0 tty=/dev/pts/0 ruser=bob rhost=  user=bob");
        assertThat(sudo.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(sudo.service()).isEqualTo("sudo");
        assertThat(sudo.source()).isNull();
        AuthEvent locked = parser.parse("Mar  3 11:00:01 kvm01 sshd[77]: pam_faillock(sshd:auth): Consecutive login failures for user root account temporarily locked");
        assertThat(locked.outcome()).isEqualTo(AuthOutcome.LOCKOUT);
        assertThat(locked.user()).isEqualTo("root");
    }

    @Test
    void vcenterLoginLogoutAndBadUsernameEvents() {
        AuthEvent login = parser.parse("<14>1 2021-09-06T14:40:13.263383+00:00 vcenter vpxd 58650 - -  Event [575792] [1-1] [2021-09-06T14:40:13.26309Z] [vim.event.UserLoginSessionEvent] [info] [VSPHERE.LOCAL\\Administrator] [] [575792] [User VSPHERE.LOCAL\\Administrator@10.100.10.190 logged in as Go-http-client/1.1]");
        assertThat(login.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(login.user()).isEqualTo("VSPHERE.LOCAL\\Administrator");
        assertThat(login.source()).isEqualTo("10.100.10.190");
        assertThat(login.targetHost()).isEqualTo("vcenter");
        assertThat(login.instant()).isEqualTo(Instant.parse("2021-09-06T14:40:13.263Z"));
        AuthEvent logout = parser.parse("<14>1 2021-09-06T14:40:13.289354+00:00 vcenter vpxd 58650 - -  Event [575793] [1-1] [2021-09-06T14:40:13.288346Z] [vim.event.UserLogoutSessionEvent] [info] [VSPHERE.LOCAL\\Administrator] [] [575793] [User VSPHERE.LOCAL\\Administrator@10.100.10.190 logged out (login time: Monday, 06 September, 2021 02:40:13 PM, number of API invocations: 3, user agent: Go-http-client/1.1)]");
        assertThat(logout.outcome()).isEqualTo(AuthOutcome.LOGOUT);
        AuthEvent bad = parser.parse("<14>1 2022-09-01T06:06:19.084018+02:00 vc01 vpxd 24962 - - Event [513220452] [1-1] [2022-09-01T04:06:19.57103Z] [vim.event.BadUsernameSessionEvent] [error] [root] [TEST] [513220452] [Cannot login root@198.51.100.4]");
        assertThat(bad.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(bad.user()).isEqualTo("root");
        assertThat(bad.source()).isEqualTo("198.51.100.4");
        assertThat(bad.instant()).isEqualTo(Instant.parse("2022-09-01T04:06:19.084Z"));
    }

    @Test
    void vsphereEventFeedMapsTheSameThreeEvents() {
        AuthEvent e = VcenterParser.fromEvent("vim.event.BadUsernameSessionEvent", 1000L, "vc01", "admin", "192.0.2.1", "Cannot login admin@192.0.2.1");
        assertThat(e.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(e.source()).isEqualTo("192.0.2.1");
        assertThat(VcenterParser.fromEvent("VmPoweredOnEvent", 1000L, "vc01", "x", null, null)).isNull();
    }

    @Test
    void esxiHostdRejectedAcceptedAndLocked() {
        AuthEvent rejected = parser.parse("2023-05-02T10:00:01.123Z esx01.lab hostd[2099]: info hostd[2099] [Originator@6876 sub=Default] Rejected password for user root from 203.0.113.50");
        assertThat(rejected.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(rejected.user()).isEqualTo("root");
        assertThat(rejected.source()).isEqualTo("203.0.113.50");
        assertThat(rejected.targetHost()).isEqualTo("esx01.lab");
        AuthEvent accepted = parser.parse("<166>2023-05-02T10:00:09.000Z esx01.lab Hostd: info hostd[2099] [Originator@6876 sub=Default] Accepted password for user root from 203.0.113.50");
        assertThat(accepted.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        AuthEvent cannot = parser.parse("<166>2023-05-02T10:00:05.000Z esx01.lab Hostd: info hostd[2099] [Originator@6876 sub=Vimsvc.ha-eventmgr] Event 142 : Cannot login root@203.0.113.51");
        assertThat(cannot.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(cannot.source()).isEqualTo("203.0.113.51");
        AuthEvent locked = parser.parse("2023-05-02T10:00:10.000Z esx01.lab vobd[2098]: [UserLevelCorrelator] 1234us: [esx.audit.account.locked] Remote access for ESXi local user account 'root' has been locked for 900 seconds after 5 failed login attempts.");
        assertThat(locked.outcome()).isEqualTo(AuthOutcome.LOCKOUT);
        assertThat(locked.user()).isEqualTo("root");
    }

    @Test
    void proxmoxAndLibvirtd() {
        AuthEvent pve = parser.parse("Apr 12 09:15:01 pve1 pvedaemon[1542]: authentication failure; rhost=::ffff:198.51.100.23 user=root@pam msg=Authentication failure");
        assertThat(pve.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(pve.source()).isEqualTo("198.51.100.23");
        assertThat(pve.user()).isEqualTo("root@pam");
        assertThat(pve.service()).isEqualTo("proxmox-pvedaemon");
        AuthEvent ok = parser.parse("Apr 12 09:15:20 pve1 pvedaemon[1542]: <root@pam> successful auth for user 'root@pam'");
        assertThat(ok.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(ok.user()).isEqualTo("root@pam");
        AuthEvent virt = parser.parse("Apr 12 09:16:00 kvm02 libvirtd[980]: 2024-04-12 09:16:00.123+0000: 980: error : virNetSASLContextCheckIdentity:146 : SASL client admin@EXAMPLE.COM not allowed in whitelist");
        assertThat(virt.outcome()).isEqualTo(AuthOutcome.FAILURE);
        assertThat(virt.user()).isEqualTo("admin@EXAMPLE.COM");
        assertThat(virt.service()).isEqualTo("libvirtd");
        AuthEvent polkit = parser.parse("Apr 12 09:16:01 kvm02 libvirtd[980]: 2024-04-12 09:16:01.000+0000: 980: error : remoteDispatchAuthPolkit:4165 : Policy kit denied action org.libvirt.unix.manage from pid 1234, uid 1000: exit status 3");
        assertThat(polkit.user()).isEqualTo("uid=1000");
    }

    @Test
    void everyVpxdSessionEventOfTheEsxiCorpusParses() throws Exception {
        Path file = TestEnvironment.requireCorpus("logs/esxi/elastic-vsphere-test-format-common.log");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long sessionLines = lines.stream().filter(l -> l.contains("SessionEvent]")).count();
        List<AuthEvent> events = lines.stream().map(parser::parse).filter(Objects::nonNull).toList();
        assertThat(sessionLines).isGreaterThan(5);
        assertThat(events).hasSize((int) sessionLines);
        assertThat(events).allSatisfy(e -> assertThat(e.source()).isIn("10.100.10.190", "127.0.0.1"));
        assertThat(events).extracting(AuthEvent::outcome).contains(AuthOutcome.SUCCESS, AuthOutcome.LOGOUT);
    }

    @Test
    void rfc5424WithStructuredDataAndRfc3164WithoutHost() {
        AuthEvent e = parser.parse("<38>1 2024-01-05T10:00:00.5-05:00 kvm03 sshd 4242 - [meta x=\"a]b\\\"c\"][origin ip=\"192.0.2.1\"] Failed password for root from 192.0.2.200 port 22 ssh2");
        assertThat(e.source()).isEqualTo("192.0.2.200");
        assertThat(e.instant()).isEqualTo(Instant.parse("2024-01-05T15:00:00.500Z"));
        AuthEvent noHost = parser.parse("<38>Jan  5 10:00:00 sshd[1]: Failed password for root from 192.0.2.201 port 22 ssh2");
        assertThat(noHost.source()).isEqualTo("192.0.2.201");
        assertThat(noHost.targetHost()).isEqualTo("-");
    }

    @Test
    void badHeadersAndTimestampsAreReportedNotThrown() {
        assertThat(parser.parse("")).isNull();
        assertThat(parser.lastStatus()).isEqualTo(AuthLineParser.Status.BAD_HEADER);
        assertThat(parser.parse("<999>garbage")).isNull();
        assertThat(parser.lastStatus()).isEqualTo(AuthLineParser.Status.BAD_HEADER);
        assertThat(parser.parse("Feb 30 10:00:00 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2")).isNull();
        assertThat(parser.lastStatus()).isEqualTo(AuthLineParser.Status.BAD_TIMESTAMP);
        assertThat(parser.parse("Dec 10 25:61:00 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2")).isNull();
        assertThat(parser.lastStatus()).isEqualTo(AuthLineParser.Status.BAD_TIMESTAMP);
        assertThat(parser.parse("<13>1 2024-13-45T99:00:00Z h sshd - - - Failed password for root from 192.0.2.1")).isNull();
        assertThat(parser.lastStatus()).isEqualTo(AuthLineParser.Status.BAD_TIMESTAMP);
        assertThat(parser.parse("Dec 10 10:00:00 h cron[1]: (root) CMD (run-parts /etc/cron.hourly)")).isNull();
        assertThat(parser.lastStatus()).isEqualTo(AuthLineParser.Status.IGNORED);
    }
}
