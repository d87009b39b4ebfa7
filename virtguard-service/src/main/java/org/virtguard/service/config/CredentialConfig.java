package org.virtguard.service.config;

/**
 * Where a source's secrets come from. Secrets themselves never appear in the configuration file or
 * on the command line, only the names of environment variables or files that hold them.
 *
 * @param username     a user name (not a secret)
 * @param usernameEnv  an environment variable holding the user name
 * @param passwordEnv  an environment variable holding the password
 * @param passwordFile a file holding the password (first line, trailing newline dropped)
 */
public record CredentialConfig(String username, String usernameEnv, String passwordEnv, String passwordFile) {
}
