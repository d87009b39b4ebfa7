package org.virtguard.connector.tck;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where tests find shared test data without copying it: the repository root (system property
 * {@code virtguard.repo.root}, set by Surefire), the libvirt lab under {@code lab/libvirt/} and the real-world
 * corpus under {@code ../shared/corpora}. Data that is missing makes a test skip with a clear message, or fail
 * when the environment variable {@code VIRTGUARD_REQUIRE_SERVICES=1} demands every service.
 */
public final class TestEnvironment {

    /** The environment variable that turns a missing service or data set into a failure. */
    public static final String REQUIRE_SERVICES = "VIRTGUARD_REQUIRE_SERVICES";

    private TestEnvironment() {
    }

    /** The repository root, from {@code virtguard.repo.root}, else the nearest parent holding {@code lab/}. */
    public static Path repoRoot() {
        String prop = System.getProperty("virtguard.repo.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("lab")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return dir;
    }

    /** The libvirt lab: {@code lab/libvirt/} of the repository (test-driver node files and dumpxml directories). */
    public static Path libvirtLab() {
        return repoRoot().resolve("lab").resolve("libvirt");
    }

    /** A lab host's test-driver node file, e.g. {@code labNodeFile("host-a")}. */
    public static Path labNodeFile(String host) {
        return libvirtLab().resolve(host + ".xml");
    }

    /** The libvirt test-driver URI of a lab host: {@code test:///abs/lab/libvirt/host-a.xml}. */
    public static String labTestUri(String host) {
        return "test://" + labNodeFile(host).toAbsolutePath();
    }

    /** The lab host's domains and networks as a {@code virsh dumpxml} directory URI: {@code libvirt-dir:///...}. */
    public static String labDirectoryUri(String host) {
        return "libvirt-dir://" + libvirtLab().resolve(host).toAbsolutePath();
    }

    /** The shared real-world corpus: {@code VIRTGUARD_CORPORA} when set, else {@code ../shared/corpora} next to the repository. */
    public static Path corpora() {
        String env = System.getenv("VIRTGUARD_CORPORA");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return repoRoot().resolve("..").resolve("shared").resolve("corpora").normalize();
    }

    /** Whether a missing service must fail tests instead of skipping them. */
    public static boolean servicesRequired() {
        return "1".equals(System.getenv(REQUIRE_SERVICES));
    }

    /**
     * Skips the calling test when {@code available} is false, or fails it when services are required.
     *
     * @param what names what is missing and how to get it, for the message
     */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if (servicesRequired()) {
            Assertions.fail(what + " is missing and " + REQUIRE_SERVICES + "=1");
        }
        Assumptions.abort("SKIPPED: " + what + " is missing");
    }

    /** The corpus path, after {@link #require}-ing that it exists. */
    public static Path requireCorpus(String relative) {
        Path p = corpora().resolve(relative);
        require(Files.exists(p), "the shared corpus " + p + " (../shared/corpora next to the repository, or VIRTGUARD_CORPORA)");
        return p;
    }

    /** The lab directory, after {@link #require}-ing that it exists. */
    public static Path requireLab() {
        Path p = libvirtLab();
        require(Files.isDirectory(p), "the libvirt lab " + p);
        return p;
    }
}
