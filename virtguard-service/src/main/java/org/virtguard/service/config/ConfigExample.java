package org.virtguard.service.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The annotated example {@code virtguard.yaml}: every key with a comment saying what it does, secrets by reference
 * only. Kept as the resource {@code org/virtguard/service/config/virtguard.example.yaml} for the command line and the
 * documentation.
 */
public final class ConfigExample {

    /** The resource holding the example, relative to this class. */
    public static final String RESOURCE = "virtguard.example.yaml";

    private ConfigExample() {
    }

    /** The example file's text. */
    public static String text() {
        try (InputStream in = ConfigExample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
