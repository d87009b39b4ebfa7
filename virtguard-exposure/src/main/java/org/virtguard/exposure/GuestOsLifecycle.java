package org.virtguard.exposure;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** End-of-support dates of guest operating systems, looked up by the id a hypervisor reports. */
public final class GuestOsLifecycle {

    static final String BUNDLED = "guest-os-lifecycle.yaml";

    /**
     * One operating system release.
     *
     * @param ids ids as hypervisors report them; a trailing {@code *} matches a prefix
     */
    public record GuestSystem(String name, LocalDate endOfSupport, List<String> ids, String source) {
        boolean matches(String guestOs) {
            for (String id : ids) {
                if (id.endsWith("*") ? guestOs.startsWith(id.substring(0, id.length() - 1)) : guestOs.equals(id)) {
                    return true;
                }
            }
            return false;
        }
    }

    record LifecycleFile(List<GuestSystem> systems) {
    }

    private final List<GuestSystem> systems;

    private GuestOsLifecycle(List<GuestSystem> systems) {
        this.systems = List.copyOf(systems);
    }

    public static GuestOsLifecycle bundled() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = GuestOsLifecycle.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new ExposureDataException("bundled " + BUNDLED + " is missing from the class path");
            }
            LifecycleFile file = mapper.readValue(in, LifecycleFile.class);
            for (GuestSystem s : file.systems()) {
                if (s.name() == null || s.endOfSupport() == null || s.ids() == null || s.ids().isEmpty()
                        || s.source() == null) {
                    throw new ExposureDataException(BUNDLED + ": entry '" + s.name()
                            + "' needs name, endOfSupport, ids and source");
                }
            }
            return new GuestOsLifecycle(file.systems());
        } catch (IOException e) {
            throw new ExposureDataException(BUNDLED + ": " + e.getMessage(), e);
        }
    }

    public Optional<GuestSystem> find(String guestOs) {
        return systems.stream().filter(s -> s.matches(guestOs)).findFirst();
    }
}
