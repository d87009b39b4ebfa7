package org.virtguard.server;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.virtguard.model.Collected;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanConfig;
import org.virtguard.store.security.Role;

/** The {@link ServerFixture} for tests in other packages. */
public final class ServerTestAccess implements AutoCloseable {

    private final ServerFixture fixture;

    private ServerTestAccess(ServerFixture fixture) {
        this.fixture = fixture;
    }

    /** A server with a policy engine holding one failing finding (zone-nic-not-allowed on web01). */
    public static ServerTestAccess start() throws IOException {
        return new ServerTestAccess(new ServerFixture(new RecordingPolicyView()));
    }

    ServerFixture fixture() {
        return fixture;
    }

    public String baseUrl() {
        return fixture.base();
    }

    public String password() {
        return ServerFixture.PASSWORD;
    }

    public JsonNode getJson(String path, Role role) {
        return ServerFixture.json(fixture.getWithToken(path, role));
    }

    /** A live inventory event: a VM appears on the fixture's host. */
    public void addVm(String id, String name, String network) {
        VirtualNic nic = new VirtualNic(VirtualNic.idFor(id, "52:54:00:aa:00:01", 0), id, "52:54:00:aa:00:01",
                NicAttachment.NETWORK, network, null, null, null, Collected.of(VlanConfig.none()), "virtio", null,
                null, Collected.notCollected("no guest agent"), true);
        VirtualMachine vm = VirtualMachine.builder(id, name).hostId("libvirt:kvm-a").powerState(PowerState.RUNNING)
                .vcpus(1).memoryBytes(1L << 30).addNic(nic).build();
        fixture.store.inventory().applyVm("lab-a", id, Optional.of(vm), Instant.now());
    }

    @Override
    public void close() throws IOException {
        fixture.close();
    }
}
