package org.virtguard.cli.respond;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.model.ErrorCode;
import org.virtguard.store.response.ActionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code virtguard respond list}: response actions, newest first. */
@Command(name = "list", description = "List response actions, newest first, with their plans and outcomes.")
public final class RespondListCommand extends ResponseSession {

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only this status: pending, executing, executed, failed, rejected, expired, cancelled.")
    String status;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "At most this many (default 50).")
    int limit;

    @Override
    public Integer call() throws Exception {
        Set<ActionStatus> statuses = EnumSet.noneOf(ActionStatus.class);
        if (status != null) {
            try {
                statuses.add(ActionStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CliException(ErrorCode.INVALID_INPUT, "unknown status '" + status + "'", ExitCodes.USAGE);
            }
        }
        return withService((store, service) -> {
            service.expireOverdue();
            service.list(statuses, Math.max(1, limit)).forEach(this::print);
            return 0;
        });
    }
}
