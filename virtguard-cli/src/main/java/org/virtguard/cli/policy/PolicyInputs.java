package org.virtguard.cli.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.model.ErrorCode;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.PolicyException;
import org.virtguard.policy.eval.PolicyExceptionLoader;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;
import picocli.CommandLine.Option;

/** Where checks, the zone policy and exceptions come from; invalid files stop the command with exit 2. */
public final class PolicyInputs {

    @Option(names = "--checks-dir", paramLabel = "DIR",
            description = "Directory of additional check YAML files (repeatable).")
    List<Path> checkDirs = new ArrayList<>();

    @Option(names = "--zones", paramLabel = "FILE", description = "Zone policy (zones, classifications, host trust).")
    Path zones;

    @Option(names = "--exceptions", paramLabel = "FILE",
            description = "Accepted risks: check, resource, justification, owner, expires.")
    Path exceptions;

    CheckCatalog catalog() {
        try {
            return CheckCatalog.load(checkDirs);
        } catch (CheckLoadException e) {
            throw invalid(e);
        }
    }

    ZonePolicy zonePolicy() {
        if (zones == null) {
            return ZonePolicy.empty();
        }
        try {
            return ZonePolicyLoader.load(zones);
        } catch (CheckLoadException e) {
            throw invalid(e);
        }
    }

    List<PolicyException> exceptionList() {
        if (exceptions == null) {
            return List.of();
        }
        try {
            return PolicyExceptionLoader.load(exceptions);
        } catch (CheckLoadException e) {
            throw invalid(e);
        }
    }

    static CliException invalid(CheckLoadException e) {
        return new CliException(ErrorCode.INVALID_CONFIG, e.getMessage(), ExitCodes.USAGE);
    }
}
