package org.virtguard.flows.decode;

/** What a template field fills in a {@link FlowRecord}; maps IANA information elements to slots. */
final class Slot {

    static final int SKIP = 0;
    static final int BYTES = 1;
    static final int PACKETS = 2;
    static final int PROTOCOL = 3;
    static final int TOS = 4;
    static final int TCP_FLAGS = 5;
    static final int SRC_PORT = 6;
    static final int DST_PORT = 7;
    static final int SRC_ADDR = 8;
    static final int DST_ADDR = 9;
    static final int SRC_MASK = 10;
    static final int DST_MASK = 11;
    static final int IN_IF = 12;
    static final int OUT_IF = 13;
    static final int NEXT_HOP = 14;
    static final int START_UPTIME = 15;
    static final int END_UPTIME = 16;
    static final int START_SECONDS = 17;
    static final int END_SECONDS = 18;
    static final int START_MILLIS = 19;
    static final int END_MILLIS = 20;
    static final int START_MICROS = 21;
    static final int END_MICROS = 22;
    static final int START_NANOS = 23;
    static final int END_NANOS = 24;
    static final int ICMP = 25;
    static final int SAMPLING_INTERVAL = 26;
    static final int SAMPLER_ID = 27;
    static final int SRC_MAC = 28;
    static final int DST_MAC = 29;
    static final int VLAN = 30;
    static final int DIRECTION = 31;
    static final int REVERSE_BYTES = 32;
    static final int REVERSE_PACKETS = 33;
    static final int SYSTEM_INIT_MILLIS = 34;
    static final int SAMPLING_SPACE = 35;

    /** IANA private enterprise number of RFC 5103 reverse information elements. */
    static final long REVERSE_PEN = 29305;

    private Slot() {
    }

    static int of(long enterprise, int ie) {
        if (enterprise == REVERSE_PEN) {
            return switch (ie) {
                case 1, 85 -> REVERSE_BYTES;
                case 2, 86 -> REVERSE_PACKETS;
                default -> SKIP;
            };
        }
        if (enterprise != 0) {
            return SKIP;
        }
        return switch (ie) {
            case 1, 85 -> BYTES;
            case 2, 86 -> PACKETS;
            case 4 -> PROTOCOL;
            case 5 -> TOS;
            case 6 -> TCP_FLAGS;
            case 7 -> SRC_PORT;
            case 11 -> DST_PORT;
            case 8, 27 -> SRC_ADDR;
            case 12, 28 -> DST_ADDR;
            case 9, 29 -> SRC_MASK;
            case 13, 30 -> DST_MASK;
            case 10 -> IN_IF;
            case 14 -> OUT_IF;
            case 15, 62 -> NEXT_HOP;
            case 22 -> START_UPTIME;
            case 21 -> END_UPTIME;
            case 150 -> START_SECONDS;
            case 151 -> END_SECONDS;
            case 152 -> START_MILLIS;
            case 153 -> END_MILLIS;
            case 154 -> START_MICROS;
            case 155 -> END_MICROS;
            case 156 -> START_NANOS;
            case 157 -> END_NANOS;
            case 32, 139 -> ICMP;
            case 34, 50, 305 -> SAMPLING_INTERVAL;
            case 306 -> SAMPLING_SPACE;
            case 48, 302 -> SAMPLER_ID;
            case 56 -> SRC_MAC;
            case 80, 57 -> DST_MAC;
            case 58 -> VLAN;
            case 61 -> DIRECTION;
            case 160 -> SYSTEM_INIT_MILLIS;
            default -> SKIP;
        };
    }
}
