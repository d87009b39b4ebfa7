package org.virtguard.model;

/**
 * Layer-2 security policy of a port group or network. {@code true} means the risky behaviour is
 * accepted (promiscuous mode allowed, forged transmits accepted, MAC changes accepted).
 */
public record L2SecurityPolicy(Collected<Boolean> promiscuousAllowed, Collected<Boolean> forgedTransmitsAllowed,
                               Collected<Boolean> macChangesAllowed) {

    public static L2SecurityPolicy notCollected(String reason) {
        return new L2SecurityPolicy(Collected.notCollected(reason), Collected.notCollected(reason),
                Collected.notCollected(reason));
    }
}
