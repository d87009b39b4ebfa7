package org.virtguard.flows.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Seeded comparison of the fixed-layout fast path against the general per-field decoder: random NetFlow v9 and
 * IPFIX templates (standard and odd field lengths, duplicated elements, enterprise and reverse elements,
 * variable-length fields, sampling options) and random records (padding, cut-short sets, bad set lengths,
 * truncated datagrams) must give the same records field for field, the same counters and the same templates.
 */
class FixedLayoutEquivalenceTest {

    private static final DecoderLimits LIMITS = new DecoderLimits(4, 16, 64, Duration.ofMinutes(30));
    private static final long NOW = 1_700_000_000_000L;

    /** Information elements with their usual lengths; a few appear with two lengths. */
    private static final int[][] ELEMENTS = {
        {8, 4}, {12, 4}, {27, 16}, {28, 16}, {7, 2}, {11, 2}, {4, 1}, {5, 1}, {6, 1}, {6, 2}, {1, 4}, {1, 8},
        {2, 4}, {2, 8}, {85, 8}, {86, 8}, {10, 4}, {10, 2}, {14, 4}, {14, 2}, {9, 1}, {13, 1}, {29, 1}, {30, 1},
        {61, 1}, {32, 2}, {139, 2}, {22, 4}, {21, 4}, {152, 8}, {153, 8}, {150, 4}, {151, 4}, {154, 8}, {155, 8},
        {156, 8}, {157, 8}, {56, 6}, {80, 6}, {58, 2}, {15, 4}, {62, 16}, {136, 1}, {60, 1}, {34, 4}, {48, 1},
        {160, 8}, {999, 3},
    };
    /** The IPv4 5-tuple set most exporters send, drawn without repeats so many templates take the fast path. */
    private static final int[][] COMMON = {
        {8, 4}, {12, 4}, {22, 4}, {21, 4}, {1, 4}, {2, 4}, {10, 4}, {14, 4}, {61, 1}, {136, 1}, {7, 2}, {11, 2},
        {4, 1}, {6, 1}, {60, 1}, {5, 1}, {32, 2}, {9, 1}, {13, 1}, {152, 8}, {153, 8},
    };

    private int fastTemplates;
    private int generalTemplates;

    @Test
    void fastPathDecodesExactlyLikeTheGeneralPath() {
        Random random = new Random(0x5eed_f10eL);
        for (int round = 0; round < 400; round++) {
            compareOneExporter(random, round % 2 == 0 ? 9 : 10);
        }
        assertThat(fastTemplates).as("templates decoded through a fixed layout").isGreaterThan(200);
        assertThat(generalTemplates).as("templates left to the general decoder").isGreaterThan(200);
    }

    @Test
    void redefinedTemplateReplacesTheOldLayoutAndAResentOneIsKept() {
        FlowDecoder decoder = new FlowDecoder(LIMITS);
        Exporter ex = decoder.exporter("192.0.2.1");
        List<String> out = new ArrayList<>();
        FlowSink sink = r -> out.add(r.srcAddress() + ":" + r.srcPort + ">" + r.dstAddress() + ":" + r.dstPort
                + "/" + r.protocol);
        byte[] first = template(8, 4, 12, 4, 7, 2, 11, 2, 4, 1);
        byte[] swapped = template(12, 4, 8, 4, 11, 2, 7, 2, 4, 1);
        byte[] wider = template(8, 4, 12, 4, 7, 2, 11, 2, 4, 2);
        byte[] data = DatagramBuilder.ipfixHeader(1_700_000_000L, 0, 0).u16(300).u16(4 + 14)
                .ipv4("10.0.0.1").ipv4("10.0.0.2").u16(1000).u16(2000).u16(0x0611).buildIpfix();
        for (byte[] t : List.of(first, first, wider, first, swapped)) {
            decoder.decode(ex, t, 0, t.length, NOW, sink);
            decoder.decode(ex, data, 0, data.length, NOW, sink);
        }
        assertThat(out).containsExactly("10.0.0.1:1000>10.0.0.2:2000/6", "10.0.0.1:1000>10.0.0.2:2000/6",
                "10.0.0.1:1000>10.0.0.2:2000/17", "10.0.0.1:1000>10.0.0.2:2000/6", "10.0.0.2:2000>10.0.0.1:1000/6");
        assertThat(ex.counters().snapshot().templates()).isEqualTo(5);
    }

    private static byte[] template(int... ieAndLength) {
        DatagramBuilder d = DatagramBuilder.ipfixHeader(1_700_000_000L, 0, 0).u16(2).u16(8 + 2 * ieAndLength.length)
                .u16(300).u16(ieAndLength.length / 2);
        for (int v : ieAndLength) {
            d.u16(v);
        }
        return d.buildIpfix();
    }

    private void compareOneExporter(Random random, int version) {
        TemplateFlowDecoder fast = new TemplateFlowDecoder(LIMITS, true);
        TemplateFlowDecoder general = new TemplateFlowDecoder(LIMITS, false);
        Exporter fastExporter = new Exporter("192.0.2.1");
        Exporter generalExporter = new Exporter("192.0.2.1");
        long domain = random.nextInt(3);
        List<int[][]> templates = new ArrayList<>();
        int templateCount = 1 + random.nextInt(4);
        for (int i = 0; i < templateCount; i++) {
            templates.add(randomTemplate(random, version));
        }
        List<String> fastOut = new ArrayList<>();
        List<String> generalOut = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            byte[] datagram = datagram(random, version, domain, d, templates);
            int offset = random.nextInt(3);
            byte[] padded = new byte[datagram.length + offset + random.nextInt(3)];
            System.arraycopy(datagram, 0, padded, offset, datagram.length);
            int length = random.nextInt(10) == 0 ? random.nextInt(datagram.length + 1) : datagram.length;
            run(fast, fastExporter, version, padded, offset, length, NOW + d, fastOut);
            run(general, generalExporter, version, padded, offset, length, NOW + d, generalOut);
        }
        assertThat(fastOut).isEqualTo(generalOut);
        assertThat(fastExporter.counters().snapshot()).isEqualTo(generalExporter.counters().snapshot());
        assertThat(fastExporter.templateCount()).isEqualTo(generalExporter.templateCount());
        for (int i = 0; i < templates.size(); i++) {
            Template t = fastExporter.templates.get(Exporter.templateKey(domain, 256 + i));
            if (t != null && t.layout != null) {
                fastTemplates++;
            } else if (t != null) {
                generalTemplates++;
            }
        }
    }

    private static void run(TemplateFlowDecoder decoder, Exporter ex, int version, byte[] b, int off, int len,
                            long now, List<String> out) {
        FlowRecord r = new FlowRecord();
        FlowSink sink = rec -> out.add(describe(rec));
        try {
            int n = version == 9 ? decoder.decodeV9(ex, b, off, len, now, r, sink)
                    : decoder.decodeIpfix(ex, b, off, len, now, r, sink);
            out.add("decoded " + n);
        } catch (RuntimeException e) {
            out.add("threw " + e.getClass().getSimpleName());
        }
    }

    private static String describe(FlowRecord r) {
        StringBuilder s = new StringBuilder();
        for (Field f : FlowRecord.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                s.append(f.getName()).append('=').append(f.get(r)).append(' ');
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return s.toString();
    }

    /** Fields as {ie, length, enterprise}; length 0xffff is variable. */
    private static int[][] randomTemplate(Random random, int version) {
        boolean plain = random.nextBoolean();
        int count = 1 + random.nextInt(plain ? COMMON.length : 20);
        List<int[]> common = new ArrayList<>(List.of(COMMON));
        Collections.shuffle(common, random);
        int[][] fields = new int[count][];
        for (int i = 0; i < count; i++) {
            int[] e = plain ? common.get(i) : ELEMENTS[random.nextInt(ELEMENTS.length)];
            int ie = e[0];
            int len = e[1];
            int enterprise = 0;
            int roll = random.nextInt(plain ? 40 : 20);
            if (roll < 3) {
                len = 1 + random.nextInt(17);
            } else if (roll < 5 && version == 10) {
                enterprise = random.nextBoolean() ? (int) Slot.REVERSE_PEN : 9;
                ie = new int[] {1, 2, 85, 86, 4}[random.nextInt(5)];
            } else if (roll < 6 && version == 10) {
                len = Template.VARIABLE;
            }
            fields[i] = new int[] {ie, len, enterprise};
        }
        return fields;
    }

    private static byte[] datagram(Random random, int version, long domain, int seq, List<int[][]> templates) {
        DatagramBuilder d = version == 9 ? DatagramBuilder.v9Header(0, 5_000_000, 1_700_000_000L, seq, domain)
                : DatagramBuilder.ipfixHeader(1_700_000_000L, seq, domain);
        if (seq == 0 || random.nextInt(4) == 0) {
            templateSet(d, version, templates);
            optionsTemplateSet(d, version);
        }
        int sets = 1 + random.nextInt(5);
        for (int s = 0; s < sets; s++) {
            if (random.nextInt(6) == 0) {
                optionsData(d, random, version);
            } else {
                int which = random.nextInt(templates.size());
                dataSet(d, random, 256 + which, templates.get(which));
            }
        }
        return version == 9 ? d.build() : d.buildIpfix();
    }

    private static void templateSet(DatagramBuilder d, int version, List<int[][]> templates) {
        DatagramBuilder body = new DatagramBuilder();
        for (int i = 0; i < templates.size(); i++) {
            int[][] fields = templates.get(i);
            body.u16(256 + i).u16(fields.length);
            for (int[] f : fields) {
                body.u16(f[2] != 0 ? f[0] | 0x8000 : f[0]).u16(f[1]);
                if (f[2] != 0) {
                    body.u32(f[2]);
                }
            }
        }
        byte[] b = body.build();
        d.u16(version == 9 ? 0 : 2).u16(4 + b.length).bytes(b);
    }

    /** Options template 400: a scope, the sampling interval and (IPFIX) the system init time. */
    private static void optionsTemplateSet(DatagramBuilder d, int version) {
        if (version == 9) {
            d.u16(1).u16(4 + 6 + 12).u16(400).u16(4).u16(8).u16(1).u16(4).u16(34).u16(4).u16(35).u16(1);
        } else {
            d.u16(3).u16(4 + 6 + 12).u16(400).u16(3).u16(1).u16(149).u16(4).u16(305).u16(4).u16(160).u16(8);
        }
    }

    private static void optionsData(DatagramBuilder d, Random random, int version) {
        if (version == 9) {
            d.u16(400).u16(4 + 9).u32(0).u32(1 + random.nextInt(100)).u8(2);
        } else {
            d.u16(400).u16(4 + 16).u32(0).u32(random.nextInt(100)).u64(random.nextInt(3) == 0 ? 0
                    : 1_699_999_000_000L + random.nextInt(1_000_000));
        }
    }

    private static void dataSet(DatagramBuilder d, Random random, int id, int[][] fields) {
        DatagramBuilder body = new DatagramBuilder();
        int records = random.nextInt(7);
        for (int n = 0; n < records; n++) {
            for (int[] f : fields) {
                int len = f[1];
                if (len == Template.VARIABLE) {
                    len = random.nextInt(8) == 0 ? 255 + random.nextInt(20) : random.nextInt(20);
                    if (len >= 255) {
                        body.u8(255).u16(len);
                    } else {
                        body.u8(len);
                    }
                }
                byte[] value = new byte[len];
                random.nextBytes(value);
                if (f[0] == 4 && f[2] == 0 && len >= 1 && random.nextBoolean()) {
                    value[len - 1] = (byte) new int[] {1, 58, 6, 17}[random.nextInt(4)];
                }
                body.bytes(value);
            }
        }
        int padding = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < padding; i++) {
            body.u8(0);
        }
        byte[] b = body.build();
        int cut = random.nextInt(5) == 0 ? random.nextInt(b.length + 1) : 0;
        int declared = 4 + b.length - cut;
        if (random.nextInt(25) == 0) {
            declared += 1 + random.nextInt(40);
        }
        d.u16(id).u16(declared).bytes(Arrays.copyOf(b, b.length - cut));
    }
}
