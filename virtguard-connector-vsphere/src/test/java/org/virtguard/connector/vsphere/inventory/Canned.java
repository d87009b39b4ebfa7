package org.virtguard.connector.vsphere.inventory;

import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.ObjectContents;
import org.virtguard.xml.SafeXml;

/** Builds {@link ObjectContent}s from hand-written vim25 {@code <objects>} XML. */
final class Canned {

    private Canned() {
    }

    static ObjectContent objects(String inner) throws Exception {
        String xml = "<objects xmlns=\"urn:vim25\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" + inner
                + "</objects>";
        return ObjectContents.parse(SafeXml.defaults().parse(xml, "canned").getDocumentElement());
    }

    static String prop(String name, String xsiType, String value) {
        return "<propSet><name>" + name + "</name><val xsi:type=\"" + xsiType + "\">" + value + "</val></propSet>";
    }

    static String denied(String path) {
        return "<missingSet><path>" + path + "</path><fault><fault xsi:type=\"NoPermission\"/></fault></missingSet>";
    }
}
