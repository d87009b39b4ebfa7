package org.virtguard.exposure.nvd;

/**
 * A product a host runs, as the CPE fields matching needs.
 *
 * @param part          {@code a}, {@code o} or {@code h}
 * @param vendor        CPE vendor, lower case
 * @param product       CPE product, lower case
 * @param version       the running version
 * @param ignoreUpdate  whether update qualifiers are decided elsewhere (VMware build tables) rather than here
 * @param naMeansBase   whether a criterion version {@code -} names the product's base release, so any running
 *                      version matches (Windows Server editions)
 */
public record PlatformCpe(String part, String vendor, String product, String version, boolean ignoreUpdate,
                          boolean naMeansBase) {

    public String key() {
        return vendor + ":" + product;
    }
}
