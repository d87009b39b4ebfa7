package org.virtguard.connector.vsphere.actions;

import java.util.ArrayList;
import java.util.List;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.Xml;
import org.w3c.dom.Element;

/** Plans a revert to a snapshot found by name in the VM's snapshot tree. */
final class SnapshotSteps {

    /** The deepest snapshot tree searched. */
    static final int MAX_DEPTH = 64;

    private final Tasks tasks;

    SnapshotSteps(Tasks tasks) {
        this.tasks = tasks;
    }

    /**
     * {@code RevertToSnapshot_Task} on the snapshot with this name.
     *
     * @throws ActionException NOT_FOUND listing the snapshot names there are; ACTION_FAILED when the name is
     *                         given to more than one snapshot
     */
    Step revert(VmFacts vm, String snapshotName) throws ActionException {
        List<Element> all = new ArrayList<>();
        for (Element root : Xml.children(vm.snapshot(), "rootSnapshotList")) {
            collect(root, 0, all);
        }
        List<Element> matching = all.stream().filter(s -> snapshotName.equals(Xml.text(s, "name"))).toList();
        if (matching.isEmpty()) {
            List<String> names = all.stream().map(s -> Names.q(Xml.text(s, "name"))).toList();
            throw ActionException.notFound("snapshot " + Names.q(snapshotName) + " not found on " + vm.shown()
                    + (names.isEmpty() ? " (it has no snapshots)" : " (snapshots: " + String.join(", ", names) + ")"));
        }
        if (matching.size() > 1) {
            throw ActionException.failed("snapshot name " + Names.q(snapshotName) + " is given to "
                    + matching.size() + " snapshots of " + vm.shown() + "; rename one in vSphere first");
        }
        ManagedObjectRef snapshot = Xml.ref(Xml.child(matching.get(0), "snapshot"));
        if (snapshot == null) {
            throw ActionException.failed("snapshot " + Names.q(snapshotName) + " of " + vm.shown()
                    + " has no reference the server can act on");
        }
        String what = "snapshot " + Names.q(snapshotName) + " of " + vm.shown();
        return new Step("revert " + vm.shown() + " to snapshot " + Names.q(snapshotName)
                + " (changes since then are lost)",
                p -> tasks.run("RevertToSnapshot_Task", snapshot, what, w -> { }));
    }

    private static void collect(Element node, int depth, List<Element> out) {
        if (depth > MAX_DEPTH) {
            return;
        }
        out.add(node);
        for (Element child : Xml.children(node, "childSnapshotList")) {
            collect(child, depth + 1, out);
        }
    }
}
