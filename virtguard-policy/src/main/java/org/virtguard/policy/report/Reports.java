package org.virtguard.policy.report;

import java.io.IOException;
import java.io.Writer;

import org.virtguard.policy.eval.ScanResult;

/** Writes a scan result in one of the {@link ReportFormat}s. */
public final class Reports {

    private Reports() {
    }

    public static void write(ReportFormat format, ScanResult result, Writer out) throws IOException {
        switch (format) {
            case JSON -> JsonReport.write(result, out);
            case SARIF -> SarifReport.write(result, out);
            case JUNIT -> JunitReport.write(result, out);
            case CSV -> CsvReport.write(result, out);
            case HTML -> HtmlReport.write(result, out);
        }
        out.flush();
    }
}
