package org.virtguard.connector.vsphere.rvtools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.xml.SafeXml;
import org.virtguard.xml.XmlInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the sheets of an RVTools {@code .xlsx} workbook as tables, with the hardened XML parser. Bounded against zip
 * bombs: at most {@link #MAX_ENTRIES} entries, each part read up to {@link #MAX_PART_BYTES} uncompressed.
 */
final class XlsxWorkbook {

    static final int MAX_ENTRIES = 10_000;
    static final long MAX_PART_BYTES = 64L * 1024 * 1024;
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private static final SafeXml XML = SafeXml.withMaxBytes(MAX_PART_BYTES);

    private XlsxWorkbook() {
    }

    /** Every sheet by lower-case name. */
    static Map<String, CsvTable> read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file.getFileName() + " is larger than 256 MiB");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new IOException(file.getFileName() + " holds more than " + MAX_ENTRIES + " entries");
            }
            List<String> shared = sharedStrings(zip, file);
            Map<String, String> targets = new HashMap<>();
            Document rels = part(zip, "xl/_rels/workbook.xml.rels", file);
            if (rels != null) {
                for (Element r : Xml.children(rels.getDocumentElement(), "Relationship")) {
                    String target = r.getAttribute("Target");
                    targets.put(r.getAttribute("Id"), target.startsWith("/") ? target.substring(1) : "xl/" + target);
                }
            }
            Document workbook = part(zip, "xl/workbook.xml", file);
            if (workbook == null) {
                throw new IOException(file.getFileName() + " is not an xlsx workbook (no xl/workbook.xml)");
            }
            Map<String, CsvTable> sheets = new HashMap<>();
            for (Element sheet : Xml.children(Xml.child(workbook.getDocumentElement(), "sheets"), "sheet")) {
                String rid = sheet.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                        "id");
                String target = targets.get(rid);
                Document doc = target == null ? null : part(zip, target, file);
                if (doc != null) {
                    sheets.put(sheet.getAttribute("name").toLowerCase(Locale.ROOT), table(doc, shared));
                }
            }
            return sheets;
        }
    }

    private static CsvTable table(Document sheet, List<String> shared) {
        List<List<String>> records = new ArrayList<>();
        for (Element row : Xml.children(Xml.child(sheet.getDocumentElement(), "sheetData"), "row")) {
            if (records.size() > CsvTable.MAX_ROWS) {
                break;
            }
            List<String> cells = new ArrayList<>();
            for (Element c : Xml.children(row, "c")) {
                int col = column(c.getAttribute("r"), cells.size());
                if (col >= CsvTable.MAX_COLUMNS) {
                    continue;
                }
                while (cells.size() < col) {
                    cells.add("");
                }
                cells.add(value(c, shared));
            }
            records.add(cells);
        }
        int width = records.isEmpty() ? 0 : records.get(0).size();
        for (List<String> r : records) {
            while (r.size() < width) {
                r.add("");
            }
        }
        return CsvTable.fromRecords(records);
    }

    private static String value(Element c, List<String> shared) {
        String type = c.getAttribute("t");
        if ("inlineStr".equals(type)) {
            return text(Xml.child(c, "is"));
        }
        String v = Xml.text(Xml.child(c, "v"));
        if (v == null) {
            return "";
        }
        if ("s".equals(type)) {
            try {
                int i = Integer.parseInt(v);
                return i >= 0 && i < shared.size() ? shared.get(i) : "";
            } catch (NumberFormatException e) {
                return "";
            }
        }
        if ("b".equals(type)) {
            return "1".equals(v) ? "True" : "False";
        }
        return v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
    }

    private static int column(String ref, int fallback) {
        int col = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i)) && i < 4) {
            col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        return i == 0 ? fallback : col - 1;
    }

    private static List<String> sharedStrings(ZipFile zip, Path file) throws IOException {
        List<String> out = new ArrayList<>();
        Document doc = part(zip, "xl/sharedStrings.xml", file);
        if (doc != null) {
            for (Element si : Xml.children(doc.getDocumentElement(), "si")) {
                out.add(text(si));
            }
        }
        return out;
    }

    private static String text(Element si) {
        StringBuilder sb = new StringBuilder();
        Element t = Xml.child(si, "t");
        if (t != null) {
            sb.append(t.getTextContent());
        }
        for (Element r : Xml.children(si, "r")) {
            Element rt = Xml.child(r, "t");
            if (rt != null) {
                sb.append(rt.getTextContent());
            }
        }
        return sb.toString();
    }

    private static Document part(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return XML.parse(in, file.getFileName() + "!" + name);
        } catch (XmlInputException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
