package org.virtguard.model;

/** The type of a {@link Setting}'s value as the source defines it. */
public enum SettingType {
    BOOLEAN, INTEGER, STRING, LIST
}
