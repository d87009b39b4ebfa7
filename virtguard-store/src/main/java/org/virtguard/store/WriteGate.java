package org.virtguard.store;

import java.sql.PreparedStatement;
import java.util.Locale;

import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Refuses every statement that changes data while the disk is full ({@link DiskSpace#full()}), before it reaches
 * the database, so the embedded store never meets "no space left on device" and stays readable. Queries pass.
 */
final class WriteGate implements StatementCustomizer {

    private final DiskSpace disk;

    WriteGate(DiskSpace disk) {
        this.disk = disk;
    }

    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
        if (disk.full() && changesData(ctx.getRenderedSql())) {
            disk.checkWritable("a store write");
        }
    }

    /** Whether a statement may change data: everything but a query. */
    static boolean changesData(String sql) {
        if (sql == null) {
            return true;
        }
        String start = firstWord(sql);
        return !(start.equals("select") || start.equals("with") || start.equals("values") || start.equals("show")
                || start.equals("explain") || start.equals("table"));
    }

    private static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int j = i;
        while (j < n && Character.isLetter(sql.charAt(j))) {
            j++;
        }
        return sql.substring(i, j).toLowerCase(Locale.ROOT);
    }
}
