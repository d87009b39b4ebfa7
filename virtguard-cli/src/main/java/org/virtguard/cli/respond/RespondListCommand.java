package org.virtguard.cli.respond;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
    public Integer call() {
        String query = "?limit=" + Math.max(1, Math.min(limit, 500))
                + (status == null ? "" : "&status=" + URLEncoder.encode(status.strip(), StandardCharsets.UTF_8));
        api().get("/api/v1/responses" + query).path("items").forEach(this::print);
        return 0;
    }
}
