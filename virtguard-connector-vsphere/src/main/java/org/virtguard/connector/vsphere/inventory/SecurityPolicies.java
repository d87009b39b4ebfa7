package org.virtguard.connector.vsphere.inventory;

import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.Collected;
import org.virtguard.model.L2SecurityPolicy;
import org.w3c.dom.Element;

/** Reads vSphere layer-2 security policies into the model. */
final class SecurityPolicies {

    /** A standard switch {@code HostNetworkSecurityPolicy}: plain booleans, absent when not overridden. */
    static L2SecurityPolicy standard(Element security, String reason) {
        if (security == null) {
            return L2SecurityPolicy.notCollected(reason);
        }
        return new L2SecurityPolicy(flag(Xml.bool(security, "allowPromiscuous"), reason),
                flag(Xml.bool(security, "forgedTransmits"), reason), flag(Xml.bool(security, "macChanges"), reason));
    }

    /** The effective standard policy: the port group's override where set, else the vSwitch's. */
    static L2SecurityPolicy effective(Element portGroupSecurity, Element switchSecurity) {
        return new L2SecurityPolicy(
                firstOf(portGroupSecurity, switchSecurity, "allowPromiscuous"),
                firstOf(portGroupSecurity, switchSecurity, "forgedTransmits"),
                firstOf(portGroupSecurity, switchSecurity, "macChanges"));
    }

    /** A DV port group's {@code DVSSecurityPolicy}: each value is a {@code BoolPolicy} with {@code value}. */
    static L2SecurityPolicy distributed(Element security, String reason) {
        if (security == null) {
            return L2SecurityPolicy.notCollected(reason);
        }
        return new L2SecurityPolicy(flag(Xml.bool(security, "allowPromiscuous.value"), reason),
                flag(Xml.bool(security, "forgedTransmits.value"), reason),
                flag(Xml.bool(security, "macChanges.value"), reason));
    }

    private static Collected<Boolean> firstOf(Element primary, Element fallback, String name) {
        Boolean v = Xml.bool(primary, name);
        if (v == null) {
            v = Xml.bool(fallback, name);
        }
        return flag(v, "neither the port group nor its vSwitch reports " + name);
    }

    private static Collected<Boolean> flag(Boolean value, String reason) {
        return value == null ? Collected.notCollected(reason) : Collected.of(value);
    }

    private SecurityPolicies() {
    }
}
