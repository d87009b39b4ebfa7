package org.virtguard.policy.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.policy.cel.RuleEnvironment;
import org.virtguard.policy.check.CheckDefinition;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.check.CheckParser;

/**
 * The set of compiled checks: the built-in pack (listed in {@code checks/index.txt} on the class path) and
 * any directories of custom checks. Loading stops at the first invalid check: a scan never runs with one.
 */
public final class CheckCatalog {

    /** Class-path resource listing the built-in check files, one {@code <area>/<id>.yaml} per line. */
    public static final String INDEX = "checks/index.txt";
    private static final int MAX_CHECKS = 10_000;

    private final Map<String, CompiledCheck> checks;
    private final Map<String, String> sources;

    private CheckCatalog(Map<String, CompiledCheck> checks, Map<String, String> sources) {
        this.checks = Collections.unmodifiableMap(checks);
        this.sources = Collections.unmodifiableMap(sources);
    }

    /** Loads the built-in checks and then every {@code *.yaml} check (not {@code *.cases.yaml}) in the directories. */
    public static CheckCatalog load(List<Path> extraDirectories) throws CheckLoadException {
        Builder b = new Builder();
        b.addBuiltIns();
        for (Path dir : extraDirectories) {
            b.addDirectory(dir);
        }
        return b.build();
    }

    /** The built-in pack only. */
    public static CheckCatalog builtIn() throws CheckLoadException {
        return load(List.of());
    }

    public List<CompiledCheck> checks() {
        return List.copyOf(checks.values());
    }

    public Optional<CompiledCheck> find(String id) {
        return Optional.ofNullable(checks.get(id));
    }

    /** The check's YAML text, as loaded. */
    public String source(String id) {
        return sources.get(id);
    }

    public int size() {
        return checks.size();
    }

    /** Reads the built-in index. */
    public static List<String> builtInFiles() throws CheckLoadException {
        String index = resource(INDEX);
        if (index == null) {
            throw new CheckLoadException(INDEX, 1, 1, "built-in check index missing from the class path");
        }
        List<String> out = new ArrayList<>();
        for (String line : index.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    /** A class-path resource as text, or {@code null}. */
    public static String resource(String name) throws CheckLoadException {
        try (InputStream in = CheckCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readNBytes(CheckParser.MAX_BYTES + 1);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CheckLoadException(name, 1, 1, "cannot read: " + e.getMessage());
        }
    }

    /** Collects and compiles checks. */
    public static final class Builder {
        private final RuleEnvironment environment = new RuleEnvironment();
        private final CheckCompiler compiler = new CheckCompiler(environment);
        private final Map<String, CompiledCheck> checks = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();

        public Builder addBuiltIns() throws CheckLoadException {
            for (String file : builtInFiles()) {
                String name = "checks/" + file;
                String text = resource(name);
                if (text == null) {
                    throw new CheckLoadException(INDEX, 1, 1, "listed check " + name + " is missing");
                }
                add(file.substring(file.lastIndexOf('/') + 1), "classpath:" + name, text);
            }
            return this;
        }

        public Builder addDirectory(Path dir) throws CheckLoadException {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.yaml")) {
                for (Path p : stream) {
                    if (!p.getFileName().toString().endsWith(".cases.yaml")) {
                        files.add(p);
                    }
                }
            } catch (IOException e) {
                throw new CheckLoadException(dir.toString(), 1, 1, "cannot list check directory: " + e.getMessage());
            }
            files.sort(null);
            for (Path p : files) {
                addFile(p);
            }
            return this;
        }

        public Builder addFile(Path p) throws CheckLoadException {
            try {
                if (Files.size(p) > CheckParser.MAX_BYTES) {
                    throw new CheckLoadException(p.toString(), 1, 1, "file larger than " + CheckParser.MAX_BYTES
                            + " bytes");
                }
                add(p.getFileName().toString(), p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CheckLoadException(p.toString(), 1, 1, "cannot read check: " + e.getMessage());
            }
            return this;
        }

        public Builder add(String fileName, String origin, String text) throws CheckLoadException {
            CheckDefinition d = CheckParser.parse(fileName, origin, text);
            if (checks.containsKey(d.id())) {
                throw new CheckLoadException(origin, 1, 1, "check id '" + d.id() + "' is already defined by "
                        + checks.get(d.id()).definition().origin());
            }
            if (checks.size() >= MAX_CHECKS) {
                throw new CheckLoadException(origin, 1, 1, "more than " + MAX_CHECKS + " checks");
            }
            checks.put(d.id(), compiler.compile(d, text));
            sources.put(d.id(), text);
            return this;
        }

        public CheckCatalog build() {
            return new CheckCatalog(new LinkedHashMap<>(checks), new LinkedHashMap<>(sources));
        }
    }
}
