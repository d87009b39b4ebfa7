package org.virtguard.model;

/** Remote console protocols. */
public enum ConsoleType {
    VNC, SPICE, RDP, SDL, EGL_HEADLESS, DBUS, MKS, WEBMKS, OTHER
}
