package org.virtguard.server.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.javalin.http.Context;
import org.virtguard.export.ExportFormat;
import org.virtguard.export.InventoryExport;
import org.virtguard.server.ServerContext;
import org.virtguard.store.security.Role;

/**
 * The RVTools-style inventory export as a download: {@code GET /api/v1/inventory/export?format=xlsx|csv} for API
 * callers and {@code /inventory/export.xlsx}, {@code /inventory/export.csv} (a zip of one CSV per tab) for the
 * console, with the access of the other inventory reads (viewer and up). The workbook is streamed as it is written.
 */
public final class InventoryExportApi {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final ServerContext context;

    public InventoryExportApi(ServerContext context) {
        this.context = context;
    }

    public List<ApiRoute> routes() {
        Access page = Access.page(Role.VIEWER);
        return List.of(
                ApiRoute.get("/api/v1/inventory/export", Access.read(Role.VIEWER), "RVTools-style inventory export "
                        + "(tabs vInfo, vNetwork, vSwitch, vSnapshot, vHost, vZone, vFinding, vMetaData); "
                        + "format=xlsx (default) or csv (a zip of one CSV file per tab)",
                        ctx -> export(ctx, format(ctx.queryParam("format")))),
                ApiRoute.get("/inventory/export.xlsx", page, "Inventory export download (xlsx)",
                        ctx -> export(ctx, ExportFormat.XLSX)),
                ApiRoute.get("/inventory/export.csv", page, "Inventory export download (zip of CSV files)",
                        ctx -> export(ctx, ExportFormat.CSV)));
    }

    private static ExportFormat format(String name) {
        if (name == null || name.isEmpty()) {
            return ExportFormat.XLSX;
        }
        if (name.length() > 10) {
            throw ApiError.invalid("query parameter 'format' must be xlsx or csv");
        }
        try {
            return ExportFormat.parse(name);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("query parameter 'format' must be xlsx or csv");
        }
    }

    private void export(Context ctx, ExportFormat format) throws IOException {
        ctx.contentType(format.contentType());
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"virtguard-inventory-"
                + FILE_TIME.format(context.clock().instant()) + format.streamSuffix() + "\"");
        OutputStream out = ctx.outputStream();
        new InventoryExport(context.store(), context.zones(), context.clock()).write(format.writer(out));
        out.flush();
    }
}
