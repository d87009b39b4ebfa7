package org.virtguard.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts. */
public final class GlobalOptions {

    @Option(scope = ScopeType.INHERIT, names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: ./virtguard.yaml when present).")
    Path config;

    @Option(scope = ScopeType.INHERIT, names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the embedded store (default: ./virtguard-data, or dataDir from the config).")
    Path dataDir;

    @Option(scope = ScopeType.INHERIT, names = "--store-url", paramLabel = "JDBC_URL",
            description = "Store JDBC URL, e.g. jdbc:postgresql://db01/virtguard. The password comes from "
                    + "VIRTGUARD_STORE_PASSWORD or --store-password-file, never from the command line.")
    String storeUrl;

    @Option(scope = ScopeType.INHERIT, names = "--store-user", paramLabel = "USER", description = "Store database user.")
    String storeUser;

    @Option(scope = ScopeType.INHERIT, names = "--store-password-file", paramLabel = "FILE", description = "File holding the store password.")
    Path storePasswordFile;

    @Option(scope = ScopeType.INHERIT, names = "--debug", description = "Print stack traces of unexpected errors.")
    boolean debug;
}
