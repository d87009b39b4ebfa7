package org.virtguard.policy.report;

import java.io.IOException;
import java.io.Writer;

import org.virtguard.model.Finding;
import org.virtguard.policy.eval.ScanResult;

/** RFC 4180 CSV, one row per kept finding; cells that a spreadsheet would run as formulas are neutralised. */
final class CsvReport {

    private CsvReport() {
    }

    static void write(ScanResult result, Writer out) throws IOException {
        out.write("check,status,severity,resource_type,resource_id,resource_name,message,frameworks\r\n");
        for (Finding f : result.findings()) {
            out.write(String.join(",", cell(f.checkId()), cell(f.status().name()), cell(f.severity().name()),
                    cell(f.resource().type().name()), cell(f.resource().id()), cell(f.resource().name()),
                    cell(f.message()), cell(String.join(" ", f.frameworks()))));
            out.write("\r\n");
        }
    }

    static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
