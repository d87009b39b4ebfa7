package org.virtguard.cli.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** Sources named on the command line, with where their secrets come from. */
public final class SourceOptions {

    @Option(names = {"-s", "--source"}, paramLabel = "URI",
            description = "Source URI, repeatable: qemu:///system, qemu+ssh://kvm01/system, "
                    + "test:///abs/node.xml, libvirt-dir:///abs/dumps. Never put a password in it.")
    List<String> uris = new ArrayList<>();

    @Option(names = "--source-user", paramLabel = "USER", description = "User name for the --source URIs.")
    String user;

    @Option(names = "--source-password-env", paramLabel = "VAR",
            description = "Environment variable holding the password for the --source URIs.")
    String passwordEnv;

    @Option(names = "--source-password-file", paramLabel = "FILE",
            description = "File holding the password for the --source URIs.")
    Path passwordFile;
}
