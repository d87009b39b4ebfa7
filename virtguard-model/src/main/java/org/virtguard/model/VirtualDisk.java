package org.virtguard.model;

/**
 * A VM's disk or removable medium.
 *
 * @param device     disk, cdrom, floppy or lun
 * @param bus        virtio, scsi, sata, ide, fdc, usb, ...
 * @param target     guest device name (vda, hdc, scsi0:0)
 * @param sourceType file, block, network, volume, dir
 * @param path       image path, device path or network URL
 * @param datastore  datastore or storage pool, or {@code null}
 * @param format     qcow2, raw, vmdk, ...
 * @param readOnly   whether the guest sees it read-only
 * @param shareable  whether several VMs may attach it
 * @param mode       persistence mode
 */
public record VirtualDisk(String device, String bus, String target, String sourceType, String path,
                          String datastore, String format, boolean readOnly, boolean shareable, DiskMode mode) {
}
