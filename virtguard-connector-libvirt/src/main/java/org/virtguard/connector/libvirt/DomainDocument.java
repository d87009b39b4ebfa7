package org.virtguard.connector.libvirt;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.virtguard.connector.libvirt.xml.LibvirtXml;
import org.virtguard.connector.libvirt.xml.ProvenanceParser;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A libvirt domain XML document opened for editing by a response action: parsed with the hardened parser
 * ({@link LibvirtXml}, which refuses DOCTYPEs and oversized input), changed through the DOM only (so names taken
 * from policy files are escaped by the serialiser, never spliced into markup) and written back as text.
 */
final class DomainDocument {

    /** Children that bind an interface to its old attachment and do not fit a {@code type='network'} one. */
    private static final Set<String> ATTACHMENT_CHILDREN = Set.of("source", "virtualport", "vlan", "ip", "route",
            "portForward");

    private final Document doc;
    private final Element root;
    private final XmlOrigin origin;

    private DomainDocument(Document doc, XmlOrigin origin) throws ConnectorException {
        this.doc = doc;
        this.origin = origin;
        this.root = doc.getDocumentElement();
        if (LibvirtXml.kindOf(doc) != LibvirtXml.Kind.DOMAIN) {
            throw new ConnectorException(ErrorCode.INVALID_INPUT, origin.sourceId(),
                    origin.label() + ": not a domain XML document");
        }
    }

    /** Parses domain XML as libvirt returned it. */
    static DomainDocument parse(String xml, XmlOrigin origin) throws ConnectorException {
        return new DomainDocument(LibvirtXml.read(xml, origin), origin);
    }

    /** The domain's {@code <interface>} elements, in document order. */
    List<Element> interfaces() {
        return Dom.children(Dom.child(root, "devices"), "interface");
    }

    /** The interface with this MAC address (compared case-insensitively), or {@code null}. */
    Element interfaceByMac(String mac) {
        for (Element e : interfaces()) {
            if (mac.equalsIgnoreCase(macOf(e))) {
                return e;
            }
        }
        return null;
    }

    /** The interface's MAC address in lower case, or {@code null} when it has none. */
    static String macOf(Element iface) {
        String mac = Dom.childAttr(iface, "mac", "address");
        return mac == null ? null : mac.toLowerCase(Locale.ROOT);
    }

    /** The libvirt network the interface is on, or {@code null} when it is not a {@code type='network'} one. */
    static String networkOf(Element iface) {
        return "network".equals(Dom.attrOrNull(iface, "type")) ? Dom.childAttr(iface, "source", "network") : null;
    }

    /** The interface's attachment for messages: {@code network default}, {@code bridge br0}, {@code direct eno1}. */
    static String describeAttachment(Element iface) {
        String type = Dom.attrOrNull(iface, "type");
        Element source = Dom.child(iface, "source");
        if ("network".equals(type)) {
            return "network " + Dom.attrOrNull(source, "network");
        }
        String where = Dom.attrOrNull(source, "bridge");
        if (where == null) {
            where = Dom.attrOrNull(source, "dev");
        }
        return (type == null ? "interface" : type) + (where == null ? "" : " " + where);
    }

    /**
     * Puts the interface on a libvirt network: {@code type='network'} with {@code <source network='...'/>}.
     * What tied it to its old attachment (source, virtualport, VLAN tag, host-side addresses, and the VFIO driver
     * of a passed-through VF) is removed; model, filter, target and address stay.
     */
    void attachToNetwork(Element iface, String network) {
        String oldType = Dom.attrOrNull(iface, "type");
        for (Element child : Dom.children(iface)) {
            String name = Dom.localName(child);
            if (child.getNamespaceURI() == null && (ATTACHMENT_CHILDREN.contains(name)
                    || ("hostdev".equals(oldType) && "driver".equals(name)))) {
                iface.removeChild(child);
            }
        }
        iface.removeAttribute("managed");
        iface.setAttribute("type", "network");
        Element source = doc.createElement("source");
        source.setAttribute("network", network);
        Element mac = Dom.child(iface, "mac");
        Node after = mac == null ? iface.getFirstChild() : mac.getNextSibling();
        iface.insertBefore(source, after);
    }

    /**
     * Replaces the interface's {@code <filterref>} by {@code filter}, or removes it when {@code filter} is
     * {@code null}. A new reference goes where the old one was, else after the other children libvirt writes before
     * it (it accepts any order).
     */
    void setFilter(Element iface, NicFilter filter) {
        Element old = Dom.child(iface, "filterref");
        Element ref = filter == null ? null : filter.toElement(doc);
        if (old != null && ref != null) {
            iface.replaceChild(ref, old);
        } else if (old != null) {
            iface.removeChild(old);
        } else if (ref != null) {
            iface.appendChild(ref);
        }
    }

    /** The domain's {@code <disk>} elements, in document order (changed in place by a redeploy's disk copies). */
    List<Element> disks() {
        return Dom.children(Dom.child(root, "devices"), "disk");
    }

    /** Whether the domain has a UEFI variable store ({@code <os><nvram>}), which undefine must be told to keep. */
    boolean hasNvram() {
        return Dom.child(Dom.child(root, "os"), "nvram") != null;
    }

    /** The domain's name. */
    String name() {
        return Dom.childText(root, "name");
    }

    /** Renames the domain. */
    void rename(String name) {
        Element e = Dom.child(root, "name");
        if (e == null) {
            e = doc.createElement("name");
            root.insertBefore(e, root.getFirstChild());
        }
        e.setTextContent(name);
    }

    /**
     * Makes the document describe a new domain: the UUID and the runtime {@code id} go (libvirt assigns a fresh
     * UUID on define), and so do the runtime-only parts of devices that would tie it to the old one.
     */
    void dropIdentity() {
        root.removeAttribute("id");
        for (Element e : Dom.children(root, "uuid")) {
            root.removeChild(e);
        }
    }

    /** When the domain, as a template, was last updated ({@code <vg:template updated>}), or {@code null}. */
    Instant templateUpdated() {
        return ProvenanceParser.templateUpdated(Dom.child(root, "metadata"));
    }

    /**
     * Records in {@code <metadata>} that this domain was deployed from {@code template}: any template mark or
     * earlier provenance in VirtGuard's namespace is replaced by
     * {@code <vg:deployed from="..." templateUpdated="..." at="..."/>} ({@code templateUpdated} only when known).
     */
    void recordDeployment(String template, Instant templateUpdated, Instant at) {
        Element metadata = Dom.child(root, "metadata");
        if (metadata == null) {
            metadata = doc.createElement("metadata");
            root.appendChild(metadata);
        }
        for (Element e : Dom.children(metadata)) {
            if (ProvenanceParser.NAMESPACE.equals(e.getNamespaceURI())) {
                metadata.removeChild(e);
            }
        }
        Element deployed = doc.createElementNS(ProvenanceParser.NAMESPACE,
                ProvenanceParser.PREFIX + ":" + ProvenanceParser.DEPLOYED);
        deployed.setAttribute("from", template);
        if (templateUpdated != null) {
            deployed.setAttribute("templateUpdated", templateUpdated.toString());
        }
        deployed.setAttribute("at", at.toString());
        metadata.appendChild(deployed);
    }

    /**
     * Places the domain's interfaces on {@code networks}, in order: interface i goes to network i with no MAC and
     * no target device (libvirt assigns fresh ones); interfaces beyond the list are removed; when the list is
     * longer, copies of the last interface (without its PCI address) are added, or plain virtio interfaces when
     * there is none.
     *
     * @return one line per interface change, for the plan
     */
    List<String> placeOnNetworks(List<String> networks) {
        List<String> lines = new ArrayList<>();
        List<Element> ifaces = interfaces();
        Element devices = Dom.child(root, "devices");
        if (devices == null) {
            devices = doc.createElement("devices");
            root.appendChild(devices);
        }
        for (int i = 0; i < ifaces.size(); i++) {
            Element iface = ifaces.get(i);
            if (i >= networks.size()) {
                devices.removeChild(iface);
                lines.add("template NIC " + (i + 1) + " (" + describeAttachment(iface) + ") left out: only "
                        + networks.size() + " network(s) given");
            }
        }
        Element last = ifaces.isEmpty() ? null : ifaces.get(ifaces.size() - 1);
        for (int i = 0; i < networks.size(); i++) {
            Element iface;
            if (i < ifaces.size()) {
                iface = ifaces.get(i);
            } else {
                iface = last != null ? (Element) last.cloneNode(true) : plainInterface();
                removeChildren(iface, "address");
                devices.insertBefore(iface, nextSiblingAfterInterfaces(devices));
            }
            removeChildren(iface, "mac");
            removeChildren(iface, "target");
            removeChildren(iface, "alias");
            attachToNetwork(iface, networks.get(i));
            lines.add("NIC " + (i + 1) + ": network " + networks.get(i) + ", fresh MAC"
                    + (i < ifaces.size() ? "" : " (added to the template's NICs)"));
        }
        return lines;
    }

    /** The document as XML text, without an XML declaration. */
    String toXml() throws ConnectorException {
        return serialise(root);
    }

    /** One element as XML text, e.g. an {@code <interface>} for a device update. */
    String toXml(Element element) throws ConnectorException {
        return serialise(element);
    }

    private Element plainInterface() {
        Element iface = doc.createElement("interface");
        iface.setAttribute("type", "network");
        Element model = doc.createElement("model");
        model.setAttribute("type", "virtio");
        iface.appendChild(model);
        return iface;
    }

    private static Node nextSiblingAfterInterfaces(Element devices) {
        List<Element> existing = Dom.children(devices, "interface");
        return existing.isEmpty() ? null : existing.get(existing.size() - 1).getNextSibling();
    }

    private static void removeChildren(Element parent, String name) {
        for (Element e : Dom.children(parent, name)) {
            parent.removeChild(e);
        }
    }

    private String serialise(Node node) throws ConnectorException {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = factory.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException | IllegalArgumentException e) {
            throw new ConnectorException(ErrorCode.INTERNAL, origin.sourceId(),
                    origin.label() + ": cannot write the changed XML (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
