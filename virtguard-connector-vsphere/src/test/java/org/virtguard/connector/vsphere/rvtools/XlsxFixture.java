package org.virtguard.connector.vsphere.rvtools;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Turns the CSV fixture into an xlsx workbook: vHost cells as shared strings, the others as inline strings. */
final class XlsxFixture {

    private XlsxFixture() {
    }

    static Path write(Path csvDir, Path xlsx, String extraSheetXml) throws Exception {
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        for (String tab : List.of("vInfo", "vHost", "vNetwork", "vPort", "dvPort", "vTools", "vSnapshot", "vUSB",
                "vSC_VMK")) {
            String text = Files.readString(csvDir.resolve("RVTools_tab" + tab + ".csv"));
            List<List<String>> rows = new ArrayList<>();
            for (String line : text.split("\n")) {
                rows.add(splitCsv(line));
            }
            sheets.put(tab, rows);
        }
        List<String> shared = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(xlsx); ZipOutputStream zip = new ZipOutputStream(out)) {
            StringBuilder wb = new StringBuilder("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                    + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
            StringBuilder rels = new StringBuilder("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            int i = 1;
            for (var e : sheets.entrySet()) {
                wb.append("<sheet name=\"").append(e.getKey()).append("\" sheetId=\"").append(i).append("\" r:id=\"rId")
                        .append(i).append("\"/>");
                rels.append("<Relationship Id=\"rId").append(i).append("\" Target=\"worksheets/sheet").append(i)
                        .append(".xml\"/>");
                boolean useShared = e.getKey().equals("vHost");
                StringBuilder sheet = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                int r = 1;
                for (List<String> row : e.getValue()) {
                    sheet.append("<row r=\"").append(r).append("\">");
                    for (int c = 0; c < row.size(); c++) {
                        String ref = (char) ('A' + c) + Integer.toString(r);
                        String v = esc(row.get(c));
                        if (useShared) {
                            shared.add(v);
                            sheet.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(shared.size() - 1)
                                    .append("</v></c>");
                        } else {
                            sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(v)
                                    .append("</t></is></c>");
                        }
                    }
                    sheet.append("</row>");
                    r++;
                }
                put(zip, "xl/worksheets/sheet" + i + ".xml", extraSheetXml != null && e.getKey().equals("vPort")
                        ? extraSheetXml : sheet.append("</sheetData></worksheet>").toString());
                i++;
            }
            put(zip, "xl/workbook.xml", wb.append("</sheets></workbook>").toString());
            put(zip, "xl/_rels/workbook.xml.rels", rels.append("</Relationships>").toString());
            StringBuilder sst = new StringBuilder("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            shared.forEach(s -> sst.append("<si><t>").append(s).append("</t></si>"));
            put(zip, "xl/sharedStrings.xml", sst.append("</sst>").toString());
        }
        return xlsx;
    }

    private static void put(ZipOutputStream zip, String name, String content) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean q = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                q = !q;
            } else if (ch == ',' && !q) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
