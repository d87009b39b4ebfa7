package org.virtguard.model;

/** What a traffic filter stops a guest from forging. */
public enum SpoofingProtection {
    MAC, IP, ARP
}
