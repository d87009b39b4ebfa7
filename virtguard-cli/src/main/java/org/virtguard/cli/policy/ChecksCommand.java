package org.virtguard.cli.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.cli.output.Table;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.model.ErrorCode;
import org.virtguard.policy.cases.CaseRunner;
import org.virtguard.policy.check.CheckDefinition;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.zones.ZonePolicyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code virtguard checks list|show|validate|test}. */
@Command(name = "checks", description = "List, show, validate and test the policy checks.",
        subcommands = {ChecksCommand.ListChecks.class, ChecksCommand.Show.class, ChecksCommand.Validate.class,
                ChecksCommand.Test.class})
public final class ChecksCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code checks list}. */
    @Command(name = "list", description = "List the checks: id, severity, resource, hypervisors, title.")
    public static final class ListChecks extends BaseCommand {
        @Mixin
        PolicyInputs inputs = new PolicyInputs();

        @Override
        public Integer call() {
            Table table = new Table("id", "severity", "resource", "hypervisors", "title");
            for (CompiledCheck c : inputs.catalog().checks()) {
                CheckDefinition d = c.definition();
                table.row(d.id(), d.severity(), d.resourceType().key(), String.join(",", d.hypervisors()), d.title());
            }
            TableWriter.text(table, out());
            return ExitCodes.OK;
        }
    }

    /** {@code checks show ID}. */
    @Command(name = "show", description = "Print a check's definition (its YAML).")
    public static final class Show extends BaseCommand {
        @Mixin
        PolicyInputs inputs = new PolicyInputs();

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            CheckCatalog catalog = inputs.catalog();
            if (catalog.find(id).isEmpty()) {
                throw new CliException(ErrorCode.NOT_FOUND, "no check '" + id + "' (see virtguard checks list)",
                        ExitCodes.ERROR);
            }
            out().print(catalog.source(id));
            out().flush();
            return ExitCodes.OK;
        }
    }

    /** {@code checks validate [FILE...]}: compile check and zone files; report the first error of each. */
    @Command(name = "validate", description = "Compile and type-check check files (and zone policy files given "
            + "with --zones); exit 2 with file:line:column on the first error.")
    public static final class Validate extends BaseCommand {
        @Mixin
        PolicyInputs inputs = new PolicyInputs();

        @Parameters(paramLabel = "FILE", arity = "0..*", description = "Check YAML files to validate.")
        List<Path> files = List.of();

        @Override
        public Integer call() {
            CheckCatalog.Builder builder = new CheckCatalog.Builder();
            try {
                builder.addBuiltIns();
                for (Path dir : inputs.checkDirs) {
                    builder.addDirectory(dir);
                }
                for (Path f : files) {
                    builder.addFile(f);
                }
                if (inputs.zones != null) {
                    ZonePolicyLoader.load(inputs.zones);
                }
            } catch (CheckLoadException e) {
                throw PolicyInputs.invalid(e);
            }
            inputs.exceptionList();
            out().println("ok: " + builder.build().size() + " checks compiled"
                    + (inputs.zones != null ? ", zone policy valid" : ""));
            out().flush();
            return ExitCodes.OK;
        }
    }

    /** {@code checks test [ID...]}: run the checks' cases files. */
    @Command(name = "test", description = "Run the cases files of the checks (all, or the given ids).")
    public static final class Test extends BaseCommand {
        @Mixin
        PolicyInputs inputs = new PolicyInputs();

        @Parameters(paramLabel = "ID", arity = "0..*")
        List<String> ids = List.of();

        @Override
        public Integer call() throws IOException {
            int failed = 0;
            int passed = 0;
            for (CompiledCheck c : inputs.catalog().checks()) {
                if (!ids.isEmpty() && !ids.contains(c.id())) {
                    continue;
                }
                try {
                    String text = CaseRunner.casesText(c);
                    if (text == null) {
                        out().println("FAIL " + c.id() + ": no cases file (" + CaseRunner.casesResourceFor(c) + ")");
                        failed++;
                        continue;
                    }
                    for (CaseRunner.CaseResult r : CaseRunner.run(c, text)) {
                        if (r.passed()) {
                            passed++;
                        } else {
                            failed++;
                            out().println("FAIL " + c.id() + " / " + r.caseName() + ": " + r.problem());
                        }
                    }
                } catch (CheckLoadException e) {
                    failed++;
                    out().println("FAIL " + e.getMessage());
                }
            }
            out().println(passed + " cases passed, " + failed + " failed");
            out().flush();
            return failed == 0 ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }
}
