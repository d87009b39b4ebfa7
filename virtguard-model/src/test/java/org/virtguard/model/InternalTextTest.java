package org.virtguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class InternalTextTest {

    @Test
    void recognizesEvaluatorAndJavaInternals() {
        for (String internal : List.of(
                "NOT_COLLECTED: evaluation error at <input>:41: key 'passwordSet' is not present in map",
                "ResourceRef[type=VM, id=42, name=web01]",
                "{guestOs=linux, tools=ok}",
                "check failed: NullPointerException: boom",
                "java.lang.IllegalStateException",
                "Exception: broken",
                "\tat org.virtguard.policy.eval.CompiledCheck.evaluate(CompiledCheck.java:150)",
                "at dev.cel.runtime.Interpreter.eval(Interpreter.java:12)",
                "No such key: owner")) {
            assertThat(InternalText.find(internal)).as(internal).isPresent();
        }
    }

    @Test
    void acceptsTheProductsOwnWords() {
        for (String prose : List.of(
                "cannot tell: console password not collected: the domain XML was dumped without --security-info",
                "Accept risk", "Exceptions in force", "consoles: VNC, SPICE", "listen: 0",
                "guest operating system: Debian 12 (bookworm)", "web01/52:54:00:aa:bb:cc", "at 2026-12-07 21:00 UTC",
                "curly {braces} in a VM name", "Remote console reachable beyond loopback without a password",
                "exception.owner: alice", "kvm01.example.net", "fd00::3:a837:1")) {
            assertThat(InternalText.find(prose)).as(prose).isEmpty();
        }
    }

    @Test
    void wildcardListenAddressesAreEveryInterface() {
        for (String wildcard : List.of("0", "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "*")) {
            assertThat(new ConsoleListen(ConsoleListen.Kind.ADDRESS, wildcard).everyInterface().value())
                    .as(wildcard).isTrue();
        }
        for (String one : List.of("127.0.0.1", "10.0.0.5", "::1", "fe80::1", "localhost", "0.0.0.1")) {
            assertThat(new ConsoleListen(ConsoleListen.Kind.ADDRESS, one).everyInterface().value()).as(one).isFalse();
        }
        assertThat(new ConsoleListen(ConsoleListen.Kind.HYPERVISOR_DEFAULT, null).everyInterface().isCollected())
                .isFalse();
        assertThat(new ConsoleListen(ConsoleListen.Kind.NETWORK, "mgmt").everyInterface().value()).isFalse();
    }
}
