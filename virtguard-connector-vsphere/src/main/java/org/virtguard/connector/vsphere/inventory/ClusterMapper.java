package org.virtguard.connector.vsphere.inventory;

import java.util.ArrayList;
import java.util.List;

import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.Cluster;
import org.w3c.dom.Element;

/** Maps a {@code ClusterComputeResource}: DRS, HA and its VM-host affinity rules. */
final class ClusterMapper {

    private ClusterMapper() {
    }

    static Cluster map(ObjectContent c, String id, String siteId) {
        Element cfg = c.get("configurationEx");
        SettingsBuilder s = new SettingsBuilder();
        String why = c.whyMissing("configurationEx");
        String reason = why == null ? "not reported by the cluster" : why;
        s.bool("drs.enabled", Xml.bool(cfg, "drsConfig.enabled"), reason);
        s.string("drs.defaultVmBehavior", Xml.text(cfg, "drsConfig.defaultVmBehavior"), reason);
        s.bool("ha.enabled", Xml.bool(cfg, "dasConfig.enabled"), reason);
        s.bool("ha.admissionControlEnabled", Xml.bool(cfg, "dasConfig.admissionControlEnabled"), reason);
        if (cfg != null) {
            List<String> rules = new ArrayList<>();
            for (Element rule : Xml.children(cfg, "rule")) {
                String type = Xml.type(rule);
                rules.add(Xml.text(rule, "name") + ":" + (type == null ? "rule" : type) + ":"
                        + ("true".equals(Xml.text(rule, "enabled")) ? "enabled" : "disabled")
                        + ("true".equals(Xml.text(rule, "mandatory")) ? ":mandatory" : ""));
            }
            s.list("rules", rules, null);
        } else {
            s.list("rules", null, reason);
        }
        String name = c.text("name") != null ? c.text("name") : c.obj().value();
        return new Cluster(id, name, siteId, s.build());
    }
}
