package org.virtguard.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.standard();

    private String rule(String username, String password) {
        return policy.check(username, password).map(PasswordPolicy.Violation::rule).orElse("accepted");
    }

    @Test
    void theReportedWeakPasswordsAreRefusedNamingTheRule() {
        Optional<PasswordPolicy.Violation> same = policy.check("alice", "aaaaaaaaaaaa");
        Optional<PasswordPolicy.Violation> spaces = policy.check("alice", " ".repeat(12));

        assertThat(same).get().extracting(PasswordPolicy.Violation::rule).isEqualTo("repetition");
        assertThat(same.get().message()).contains("one character repeated");
        assertThat(spaces).get().extracting(PasswordPolicy.Violation::rule).isEqualTo("whitespace");
        assertThat(spaces.get().message()).contains("only spaces");
        assertThat(rule("alice", "\t \u00a0\u2003".repeat(4))).as("tabs and other spaces").isEqualTo("whitespace");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alice | short pass       | length",
        "alice | 12345678901     | length",
        "alice | zzzzzzzzzzzzzzzz | repetition",
        "alice | abcabcabcabcabc  | repetition",
        "alice | abcdefghijklmn   | sequence",
        "alice | 9876543210987    | sequence",
        "alice | password1234     | common",
        "alice | P@ssw0rd2024!    | common",
        "alice | Virtguard2025!   | common",
        "alice | VMware123456!    | common",
        "alice | vsphere-admin-01 | common",
        "alice | administrator1   | common",
        "alice | qwertyuiop123    | common",
        "alice | 1qaz2wsx3edc     | common",
        "alice | changeme-changeme | common",
        "alice | welcome-vcenter1 | common",
        "alice | adminpassword!!  | common",
        "alice | iloveyou12345    | common",
        "alice | 123123123123     | repetition",
        "alice | Alice-is-the-best | username",
        "bob.smith@example.net | bob.smith-1234567 | username",
        "bob.smith@example.net | my name is bobsmith | username",
        "admin | 4dm1n-rocks-so-much | username",
    })
    void weakPasswordsAreRefused(String username, String password, String expectedRule) {
        assertThat(rule(username, password)).as(password).isEqualTo(expectedRule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "tangerine-ladder-quietly-47", "Xk9#mP2$vL7qR4",
        "rhubarb and the blue kettle", "zw8JNcZdKtqPpR4hXmH7", "Übergrößenträger ñandú 42"})
    void passwordsWithoutAFlawAreAccepted(String password) {
        assertThat(rule("alice", password)).as(password).isEqualTo("accepted");
    }

    @Test
    void lengthCountsCharactersAndHasAGenerousMaximum() {
        assertThat(rule("alice", "ñandúñandúña")).as("12 characters, 14 bytes... in UTF-16 12 units").isEqualTo(
                "accepted");
        assertThat(rule("alice", "🙂🙃😀😁😂🤣😃😄😅😆😉😊")).as("12 emoji (24 UTF-16 units)").isEqualTo("accepted");
        assertThat(rule("alice", "🙂🙃😀😁😂🤣😃😄😅😆😉")).as("11 emoji").isEqualTo("length");
        String long64 = "tangerine ladder quietly ".repeat(3).substring(0, 64) + "x";
        assertThat(rule("alice", long64)).as("65 characters").isEqualTo("accepted");
        assertThat(rule("alice", "k".repeat(500) + "j".repeat(524))).isEqualTo("accepted");
        assertThat(rule("alice", "k".repeat(1025))).isEqualTo("length");
    }

    @Test
    void messagesNeverRepeatThePassword() {
        for (String password : new String[] {"Virtguard2025!", "alice-secret-1", "aaaaaaaaaaaa", "kbr7x"}) {
            assertThat(policy.check("alice", password).orElseThrow().message()).doesNotContain(password);
        }
    }

    @Test
    void theShippedListIsLoaded() {
        assertThat(policy.blocklistSize()).isGreaterThan(300);
    }
}
