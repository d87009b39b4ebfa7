package org.virtguard.connector.tck;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.virtguard.model.ConnectionState;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.Platform;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/** A connector over a fixed list of VMs, to exercise the contract test itself. */
final class InMemoryConnector implements InventoryConnector {

    private final SourceSpec source;
    private final List<VirtualMachine> vms;
    private final boolean reachable;
    private boolean closed;

    InMemoryConnector(SourceSpec source, List<VirtualMachine> vms, boolean reachable) {
        this.source = source;
        this.vms = vms;
        this.reachable = reachable;
    }

    static VirtualMachine vm(String id, String name, String hostId, String mac) {
        VirtualNic nic = new VirtualNic(VirtualNic.idFor(id, mac, 0), id, mac, NicAttachment.NETWORK, "default",
                null, null, null, null, "virtio", null, null, null, true);
        return VirtualMachine.builder(id, name).hostId(hostId).addNic(nic).build();
    }

    @Override
    public SourceSpec source() {
        return source;
    }

    @Override
    public InventorySnapshot collect() throws ConnectorException {
        check();
        Host host = new Host("mem:" + source.id(), source.id(), "mem01", Platform.LIBVIRT, HypervisorKind.TEST,
                null, null, null, null, null, null, null, null, ConnectionState.CONNECTED, null);
        return new InventorySnapshot(source.id(), Instant.now(), null, null, List.of(host), vms, null, null, null);
    }

    @Override
    public Optional<VirtualMachine> collectVm(String vmId) throws ConnectorException {
        check();
        return vms.stream().filter(v -> v.id().equals(vmId)).findFirst();
    }

    private void check() throws ConnectorException {
        if (closed) {
            throw new ConnectorException(ErrorCode.CONNECTION_LOST, source.id(), "closed");
        }
        if (!reachable) {
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, source.id(), "memory source is unreachable");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
