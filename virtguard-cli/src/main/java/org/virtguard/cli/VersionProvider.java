package org.virtguard.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VirtGuardCommand.class.getPackage().getImplementationVersion();
        return new String[] {"VirtGuard " + (version != null ? version : "development build"),
                "Java " + Runtime.version()};
    }
}
