package org.virtguard.cli.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.service.config.CredentialConfig;
import org.virtguard.model.ErrorCode;
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

    /** The source URIs given on the command line. */
    public List<String> uris() {
        return uris;
    }

    /**
     * Where the secrets of the command-line sources come from, or {@code null} when none were named.
     *
     * @throws CliException when both a password variable and a password file are given
     */
    public CredentialConfig credentials() {
        if (user == null && passwordEnv == null && passwordFile == null) {
            return null;
        }
        if (passwordEnv != null && passwordFile != null) {
            throw new CliException(ErrorCode.INVALID_CONFIG,
                    "give --source-password-env or --source-password-file, not both", ExitCodes.USAGE);
        }
        return new CredentialConfig(user, null, passwordEnv, passwordFile == null ? null : passwordFile.toString());
    }
}
