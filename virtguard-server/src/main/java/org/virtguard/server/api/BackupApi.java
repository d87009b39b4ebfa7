package org.virtguard.server.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.javalin.http.Context;
import org.virtguard.server.ServerContext;
import org.virtguard.store.StoreBackup;

/**
 * An online backup of the store the service runs on: the same consistent snapshot as {@code virtguard db backup}
 * (every table in one repeatable-read transaction, gzip JSON lines that {@code virtguard db restore} reads), streamed
 * to an admin while the service keeps running. The embedded store is locked by the service's process, so this is
 * its only online backup; a PostgreSQL store can also be saved with {@code pg_dump}.
 */
public final class BackupApi {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ServerContext context;

    public BackupApi(ServerContext context) {
        this.context = context;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.post("/api/v1/backup", Access.admin(), "store.backup",
                "A consistent snapshot of the whole store (users' password hashes and the audit log included) as "
                        + "application/gzip, for virtguard db restore; admin only, audited", this::backup));
    }

    private void backup(Context ctx) throws IOException {
        ctx.contentType("application/gzip");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"virtguard-backup-"
                + FILE_TIME.format(context.clock().instant()) + ".vgbackup.gz\"");
        OutputStream out = ctx.outputStream();
        StoreBackup.Summary summary = StoreBackup.backup(context.store(), out);
        out.flush();
        RouteGuard.auditDetail(ctx, summary.rows() + " rows of " + summary.tables() + " tables, schema version "
                + summary.schema());
    }
}
