package org.virtguard.model;

import java.util.Map;
import java.util.Objects;

/**
 * A VM device other than disks and NICs.
 *
 * @param kind        what kind of device
 * @param type        the source's own type (chardev backend {@code tcp}, hostdev {@code pci}, rng {@code egd}, ...)
 * @param description one human-readable line
 * @param attributes  security-relevant attributes: {@code host}, {@code port}, {@code mode},
 *                    {@code protocol}, {@code path}, {@code address}, {@code vendor}, {@code product}, ...
 * @param connected   whether the device is connected (vSphere) or present (libvirt)
 */
public record VirtualDevice(DeviceKind kind, String type, String description, Map<String, String> attributes,
                            boolean connected) {
    public VirtualDevice {
        Objects.requireNonNull(kind, "kind");
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }
}
