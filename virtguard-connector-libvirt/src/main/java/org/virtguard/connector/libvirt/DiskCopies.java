package org.virtguard.connector.libvirt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.virtguard.connector.libvirt.xml.LibvirtXml;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * The writable disks of a golden template, copied for a redeployed VM so that it never writes to the template's images
 * (nor shares them with another clone). Each {@code <disk device='disk'>} of type {@code file} or {@code volume} that
 * is neither read-only nor shareable must be a volume of a libvirt storage pool; it is cloned within that pool with
 * {@code virStorageVolCreateXMLFrom} (libvirt's storage driver copies it with {@code qemu-img convert}, in the same
 * format, on the hypervisor host, so this works over {@code qemu+ssh://} too) to a new volume named
 * {@code <vm>-<target>-<yyyyMMdd-HHmmss>.<format>}, and the new VM's disk points at the copy. A template disk outside
 * every pool is refused before anything changes: a redeploy that shared the golden image would corrupt it.
 */
final class DiskCopies {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ActionLookups lookups;

    DiskCopies(ActionLookups lookups) {
        this.lookups = lookups;
    }

    /** One disk to copy: the template's volume, its pool, and the new volume's name and format. */
    record Copy(Element disk, String target, StorageVol from, String fromPath, StoragePool pool, String poolName,
                String newName, String format) {
        String line() {
            return "copy template disk " + target + " (" + fromPath + ", " + format + ") to a new volume " + newName
                    + " in storage pool " + poolName + " for the new VM";
        }
    }

    /**
     * Works out the copies for the template's writable disks in {@code replacement} (the template's XML being turned
     * into the new VM's); refuses a disk it cannot copy.
     */
    List<Copy> plan(DomainDocument replacement, String template, String vmName, Instant at) throws ConnectorException {
        List<Copy> copies = new ArrayList<>();
        for (Element disk : replacement.disks()) {
            String type = Dom.attrOrNull(disk, "type");
            String device = Dom.attrOrNull(disk, "device");
            if (!"disk".equals(device == null ? "disk" : device) || Dom.child(disk, "readonly") != null
                    || Dom.child(disk, "shareable") != null) {
                continue;
            }
            String target = Dom.childAttr(disk, "target", "dev");
            String label = "disk " + (target == null ? "?" : target) + " of template " + template;
            Element source = Dom.child(disk, "source");
            StorageVol vol;
            String where;
            try {
                if ("file".equals(type) && Dom.attrOrNull(source, "file") != null) {
                    where = Dom.attrOrNull(source, "file");
                    vol = lookups.connect().storageVolLookupByPath(where);
                } else if ("volume".equals(type) && Dom.attrOrNull(source, "pool") != null
                        && Dom.attrOrNull(source, "volume") != null) {
                    where = "pool " + Dom.attrOrNull(source, "pool") + ", volume " + Dom.attrOrNull(source, "volume");
                    vol = lookups.connect().storagePoolLookupByName(Dom.attrOrNull(source, "pool"))
                            .storageVolLookupByName(Dom.attrOrNull(source, "volume"));
                } else {
                    throw lookups.refused(label + " is of type " + type + " without a file or volume source: it cannot"
                            + " be copied for the new VM, and sharing it would let the new VM write to the template");
                }
            } catch (LibvirtException e) {
                throw lookups.refused(label + " (" + describe(source) + ") is not a volume of any libvirt storage pool,"
                        + " so it cannot be copied for the new VM (sharing it would let the new VM write to the "
                        + "template): define a storage pool on its directory, e.g. virsh pool-define-as NAME dir "
                        + "--target DIR; pool-start NAME (" + LibvirtErrors.message(e, lookups.source()) + ")");
            }
            try {
                StoragePool pool = vol.storagePoolLookupByVolume();
                String poolName = pool.getName();
                String format = format(vol.getXMLDesc(0), label);
                String newName = (vmName + "-" + (target == null ? "disk" : target)).replaceAll("[^A-Za-z0-9_.+-]", "_")
                        + "-" + STAMP.format(at) + "." + format;
                if (exists(pool, newName)) {
                    throw lookups.refused("storage pool " + poolName + " already has a volume " + newName);
                }
                copies.add(new Copy(disk, target == null ? "?" : target, vol, vol.getPath(), pool, poolName, newName,
                        format));
            } catch (LibvirtException e) {
                throw lookups.refused("cannot read the volume of " + label + " (" + where + "): "
                        + LibvirtErrors.message(e, lookups.source()));
            }
        }
        return copies;
    }

    /** Makes one copy and points the new VM's disk at it. */
    void apply(Copy c, ActionSteps steps) throws ConnectorException {
        String xml = "<volume><name>" + c.newName() + "</name><target><format type='" + c.format()
                + "'/></target></volume>";
        StorageVol created;
        String path;
        try {
            created = c.pool().storageVolCreateXMLFrom(xml, c.from(), 0);
            path = created.getPath();
        } catch (LibvirtException e) {
            throw steps.failed(c.line(), e);
        }
        Element source = Dom.child(c.disk(), "source");
        if ("volume".equals(Dom.attrOrNull(c.disk(), "type"))) {
            source.setAttribute("pool", c.poolName());
            source.setAttribute("volume", c.newName());
        } else {
            source.setAttribute("file", path);
        }
        Element backing = Dom.child(c.disk(), "backingStore");
        if (backing != null) {
            c.disk().removeChild(backing);
        }
        steps.done(c.line() + ": " + path);
    }

    private static boolean exists(StoragePool pool, String name) {
        try {
            pool.storageVolLookupByName(name);
            return true;
        } catch (LibvirtException e) {
            return false;
        }
    }

    private String format(String volumeXml, String label) throws ConnectorException {
        Element root = LibvirtXml.read(volumeXml, new XmlOrigin(lookups.source().id(), "volume of " + label))
                .getDocumentElement();
        String format = Dom.childAttr(Dom.child(root, "target"), "format", "type");
        if (format == null || !format.matches("[a-z0-9]{1,16}")) {
            throw lookups.refused(label + ": its volume reports no usable format (" + format + ")");
        }
        return format;
    }

    private static String describe(Element source) {
        if (source == null) {
            return "no source";
        }
        String file = Dom.attrOrNull(source, "file");
        return file != null ? file : "pool " + Dom.attrOrNull(source, "pool") + ", volume " + Dom.attrOrNull(source,
                "volume");
    }
}
