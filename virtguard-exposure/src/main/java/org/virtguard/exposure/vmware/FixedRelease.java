package org.virtguard.exposure.vmware;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fix named in a CVE description where NVD's CPE list stops, such as "6.5 before ESXi650-202102101-SG",
 * "7.0 before ESXi70U1c-17325551", "7.0 before ESXi_7.0.1-0.0.16850804" or "6.5 before 6.5 U3n".
 *
 * @param line     the release line, e.g. {@code 6.5}
 * @param bulletin the fixing ESXi patch bulletin, e.g. {@code ESXi650-202102101}, or {@code null}
 * @param build    the fixed build, or {@code null}
 * @param update   the fixed update level, or {@code null}
 * @param text     the phrase it was read from
 */
public record FixedRelease(String line, String bulletin, Long build, UpdateLevel update, String text) {

    private static final Pattern BEFORE = Pattern.compile("\\b(\\d+)\\.(\\d+|x)(?:\\.x)? before ([^,;()]{2,60}?)(?=[,;)]|\\s+(?:and|has|is|are|contains)\\b|$)");
    private static final Pattern BULLETIN = Pattern.compile("^ESXi(\\d{2,3})-(\\d{9})(?:-[A-Z]{2})?$");
    private static final Pattern ESXI_UPDATE_BUILD = Pattern.compile("^ESXi(\\d{2,3})U(\\d+)([a-z]?)-(\\d{6,10})$");
    private static final Pattern BUILD_SUFFIX = Pattern.compile("^ESXi_(\\d+)\\.(\\d+)[\\d.]*-[\\d.]*?(\\d{6,10})$");
    private static final Pattern UPDATE = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.\\d+)?\\s*(?:U|Update\\s*)(\\d+)([a-z]?)$");

    /** The fixes named in {@code description}, in order. */
    public static List<FixedRelease> extract(String description) {
        List<FixedRelease> out = new ArrayList<>();
        if (description == null) {
            return out;
        }
        Matcher m = BEFORE.matcher(description);
        while (m.find()) {
            String target = m.group(3).trim();
            String line = m.group(1) + "." + (m.group(2).equals("x") ? "0" : m.group(2));
            String text = m.group(0).trim();
            Matcher b = BULLETIN.matcher(target);
            Matcher ub = ESXI_UPDATE_BUILD.matcher(target);
            Matcher bs = BUILD_SUFFIX.matcher(target);
            Matcher u = UPDATE.matcher(target);
            if (b.matches()) {
                out.add(new FixedRelease(line, "ESXi" + b.group(1) + "-" + b.group(2), null, null, text));
            } else if (ub.matches()) {
                out.add(new FixedRelease(line, null, Long.parseLong(ub.group(4)),
                        new UpdateLevel(Integer.parseInt(ub.group(2)), ub.group(3)), text));
            } else if (bs.matches()) {
                out.add(new FixedRelease(line, null, Long.parseLong(bs.group(3)), null, text));
            } else if (u.matches()) {
                String fixedLine = u.group(1) + "." + u.group(2);
                out.add(new FixedRelease(m.group(2).equals("x") ? fixedLine : line, null, null,
                        new UpdateLevel(Integer.parseInt(u.group(3)), u.group(4)), text));
            }
        }
        return out;
    }

    /** For people: what to install. */
    public String describe() {
        if (bulletin != null) {
            return "patch bulletin " + bulletin;
        }
        if (update != null && build != null) {
            return line + " " + update + " (build " + build + ")";
        }
        if (build != null) {
            return "build " + build;
        }
        return line + " " + update;
    }
}
