package org.virtguard.connector.vsphere.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.ObjectContents;
import org.virtguard.connector.vsphere.soap.ServiceContent;
import org.virtguard.xml.SafeXml;
import org.virtguard.xml.XmlInputException;
import org.w3c.dom.Document;

/**
 * Feeds arbitrary bytes, read as a vim25 {@code ObjectContent}, to every mapper: a hostile or broken server answer
 * may yield odd values or NOT_COLLECTED settings, never an exception. Without {@code JAZZER_FUZZ=1} this runs the
 * seed inputs in {@code VimAnswerFuzzTestInputs} as a plain test.
 */
class VimAnswerFuzzTest {

    private static final SafeXml SMALL = SafeXml.withMaxBytes(64 * 1024);
    private static final VsphereIds IDS = new VsphereIds("fuzz");
    private static final ServiceContent VC = new ServiceContent(null, null, null, null, null, null, "vc", "8.0", "1",
            "8.0", "VirtualCenter", "fuzz", null);

    @FuzzTest(maxDuration = "30s")
    void mapArbitraryAnswers(byte[] input) {
        Document doc;
        try {
            doc = SMALL.parse(input, "fuzz.xml");
        } catch (XmlInputException e) {
            return;
        }
        ObjectContent oc = ObjectContents.parse(doc.getDocumentElement());
        NetworkLookup lookup = new NetworkLookup();
        lookup.addHost(oc);
        lookup.addDvPortgroup(oc);
        lookup.addDvs(oc);
        assertThat(new HostMapper("fuzz", IDS, VC).map(oc, null, null, null, "fuzz")).isNotNull();
        assertThat(new NetworkMapper(IDS).standardPortGroups(oc)).isNotNull();
        assertThat(new NetworkMapper(IDS).distributedPortGroup(oc, oc)).isNotNull();
        if (VmMapper.idOf(oc) != null) {
            assertThat(new VmMapper(IDS).map(oc, null, lookup).id()).isEqualTo(VmMapper.idOf(oc));
        }
        assertThat(ClusterMapper.map(oc, "c", null)).isNotNull();
    }
}
