package org.virtguard.cli.demo;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.virtguard.model.ErrorCode;

/**
 * The demo's "day two" on a working copy of the bundled lab: the kind of drift VirtGuard exists to notice.
 * <ul>
 *   <li>web02 is moved from host-a to host-b (its domain file is now defined on host-b),</li>
 *   <li>web01's vNIC is switched from the {@code default} network into the {@code dmz},</li>
 *   <li>legacy01 is undefined on host-c.</li>
 * </ul>
 */
public final class DayTwoScenario {

    private DayTwoScenario() {
    }

    /** Applies the scenario to the lab copy in {@code lab} and returns one line per step. */
    public static List<String> apply(Path lab) throws IOException {
        String web02 = "  <domain file='host-a/web02.xml'/>\n";
        replace(lab.resolve("host-a.xml"), web02, "");
        replace(lab.resolve("host-b.xml"), "</node>", web02 + "</node>");
        replace(lab.resolve("host-a/web01.xml"), "<source network='default'/>", "<source network='dmz'/>");
        replace(lab.resolve("host-c.xml"), "  <domain file='host-c/legacy01.xml'/>\n", "");
        return List.of("web02 migrated from host-a to host-b",
                "web01's vNIC 52:54:00:1a:00:01 moved from network 'default' to 'dmz'",
                "legacy01 undefined on host-c");
    }

    /**
     * The demo's extra step: build01, off since the lab was loaded, is powered on on host-a - a dormant VM
     * returning (with the demo's short dormancy threshold).
     */
    public static String powerOnDormantVm(Path lab) throws IOException {
        replace(lab.resolve("host-a/build01.xml"), "<test:runstate>5</test:runstate>",
                "<test:runstate>1</test:runstate>");
        return "build01 powered on on host-a after being off since the lab was loaded";
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new CliException(ErrorCode.INVALID_INPUT, "demo lab file " + file + " no longer contains '"
                    + from.strip() + "'; the bundled lab and the day-two scenario are out of step");
        }
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
