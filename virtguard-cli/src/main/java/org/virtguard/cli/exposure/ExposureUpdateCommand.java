package org.virtguard.cli.exposure;

import java.nio.file.Path;
import java.util.List;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.cli.output.Json;
import org.virtguard.cli.output.OutputFormat;
import org.virtguard.cli.output.Table;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.exposure.data.DataKinds;
import org.virtguard.service.ServiceException;
import org.virtguard.service.exposure.ExposureDataUpdate;
import org.virtguard.store.Store;
import org.virtguard.store.vulndata.StoredDataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code virtguard exposure update --from DIR}: loads vulnerability data files into the store. */
@Command(name = "update", description = "Load the vulnerability data files in DIR (NVD JSON/JSON.gz, CISA KEV, EPSS "
        + "CSV/CSV.gz, OSV records or zips, build tables, *lifecycle*.yaml) into the store, each replacing the "
        + "previous load of its data set. A bad file is rejected with its error; what was loaded before stays.")
public final class ExposureUpdateCommand extends BaseCommand {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "Directory holding the data files.")
    Path from;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table, json or csv.")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        List<ExposureDataUpdate.FileResult> results;
        try (Store store = context().openStoreForWriting()) {
            results = ExposureDataUpdate.run(store, from, DataKinds.standard(), clock());
        } catch (ServiceException e) {
            throw new CliException(e.code(), e.getMessage(), ExitCodes.USAGE);
        }
        print(results);
        long rejected = results.stream().filter(r -> r.status().equals("rejected")).count();
        long loaded = results.stream().filter(r -> r.status().equals("loaded")).count();
        if (rejected > 0) {
            err().println("virtguard: " + rejected + " file(s) rejected; the data sets they would have replaced are "
                    + "unchanged");
            err().flush();
            return loaded > 0 ? ExitCodes.PARTIAL : ExitCodes.ERROR;
        }
        if (loaded == 0) {
            err().println("virtguard: no vulnerability data file found in " + from);
            err().flush();
            return ExitCodes.ERROR;
        }
        return ExitCodes.OK;
    }

    private void print(List<ExposureDataUpdate.FileResult> results) throws Exception {
        if (format == OutputFormat.JSON) {
            out().println(Json.mapper().writeValueAsString(results));
            out().flush();
            return;
        }
        Table table = new Table("file", "status", "dataSet", "records", "skipped", "dataDate", "sha256", "detail");
        for (ExposureDataUpdate.FileResult r : results) {
            StoredDataSet s = r.stored();
            table.row(r.file(), r.status(), s == null ? "" : s.key(), s == null ? "" : s.records(),
                    s == null ? "" : skipped(s), s == null || s.dataDate() == null ? "" : s.dataDate(),
                    s == null ? "" : s.sha256().substring(0, Math.min(16, s.sha256().length())),
                    r.message() == null ? "" : r.message());
        }
        if (format == OutputFormat.CSV) {
            TableWriter.csv(table, out());
        } else {
            TableWriter.text(table, out());
            out().flush();
        }
    }

    private static String skipped(StoredDataSet s) {
        int n = s.skipped().values().stream().mapToInt(Integer::intValue).sum();
        return n == 0 ? "0" : n + " " + s.skipped();
    }
}
