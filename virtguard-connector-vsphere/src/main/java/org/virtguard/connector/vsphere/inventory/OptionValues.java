package org.virtguard.connector.vsphere.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.SettingType;
import org.w3c.dom.Element;

/** Reads {@code ArrayOfOptionValue} (advanced settings, extraConfig) into typed key/value pairs. */
final class OptionValues {

    /** The most options read from one list; the rest is ignored. */
    static final int MAX_OPTIONS = 20_000;

    /** A value with the type its {@code xsi:type} declares. */
    record Value(String text, SettingType type) {
    }

    static Map<String, Value> read(Element array) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Element ov : Xml.children(array)) {
            if (out.size() >= MAX_OPTIONS) {
                break;
            }
            String key = Xml.text(Xml.child(ov, "key"));
            Element value = Xml.child(ov, "value");
            if (key == null || key.isEmpty() || key.length() > 512) {
                continue;
            }
            out.put(key, new Value(value == null ? "" : Xml.text(value), typeOf(Xml.type(value))));
        }
        return out;
    }

    private static SettingType typeOf(String xsiType) {
        if (xsiType == null) {
            return SettingType.STRING;
        }
        return switch (xsiType) {
            case "boolean" -> SettingType.BOOLEAN;
            case "int", "long", "short", "byte" -> SettingType.INTEGER;
            default -> SettingType.STRING;
        };
    }

    private OptionValues() {
    }
}
