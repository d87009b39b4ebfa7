package org.virtguard.cli.remote;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where the running service is and which certificate authorities its HTTPS certificate may come from. */
public final class ServerOptions {

    @Option(names = "--server", paramLabel = "URL",
            description = "The service's base URL, e.g. https://virtguard.example.net:8443 (default: from the "
                    + "configuration's http section).")
    public String server;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "PEM file of the certificate authorities that may sign the service's HTTPS certificate "
                    + "(default: the system trust store).")
    public Path caFile;
}
