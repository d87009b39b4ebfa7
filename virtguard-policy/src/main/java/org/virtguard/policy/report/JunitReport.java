package org.virtguard.policy.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.eval.ScanResult;

/** JUnit XML: a test suite per check, a test case per kept finding; FAIL is a failure, ERROR an error. */
final class JunitReport {

    private JunitReport() {
    }

    static void write(ScanResult result, Writer out) throws IOException {
        Map<String, List<Finding>> byCheck = new LinkedHashMap<>();
        for (CompiledCheck c : result.checks()) {
            byCheck.put(c.id(), new ArrayList<>());
        }
        for (Finding f : result.findings()) {
            byCheck.computeIfAbsent(f.checkId(), k -> new ArrayList<>()).add(f);
        }
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "virtguard scan");
            for (Map.Entry<String, List<Finding>> e : byCheck.entrySet()) {
                Map<CheckStatus, Long> counts = result.counts().getOrDefault(e.getKey(), Map.of());
                long tests = counts.values().stream().mapToLong(Long::longValue).sum();
                x.writeStartElement("testsuite");
                x.writeAttribute("name", e.getKey());
                x.writeAttribute("tests", Long.toString(tests));
                x.writeAttribute("failures", Long.toString(counts.getOrDefault(CheckStatus.FAIL, 0L)));
                x.writeAttribute("errors", Long.toString(counts.getOrDefault(CheckStatus.ERROR, 0L)));
                x.writeAttribute("skipped", Long.toString(counts.getOrDefault(CheckStatus.NOT_COLLECTED, 0L)
                        + counts.getOrDefault(CheckStatus.NOT_APPLICABLE, 0L) + counts.getOrDefault(CheckStatus.EXCEPTED, 0L)));
                for (Finding f : e.getValue()) {
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", f.checkId());
                    x.writeAttribute("name", f.resource().name() == null ? f.resource().id() : f.resource().name());
                    switch (f.status()) {
                        case FAIL -> element(x, "failure", f);
                        case ERROR -> element(x, "error", f);
                        case NOT_COLLECTED, NOT_APPLICABLE, EXCEPTED -> {
                            x.writeEmptyElement("skipped");
                            x.writeAttribute("message", f.status() + ": " + f.message());
                        }
                        case PASS -> { }
                    }
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void element(XMLStreamWriter x, String name, Finding f) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeAttribute("message", f.message());
        x.writeAttribute("type", f.severity().name());
        StringBuilder text = new StringBuilder();
        f.evidence().forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        f.frameworks().forEach(fw -> text.append(fw).append('\n'));
        x.writeCharacters(text.toString());
        x.writeEndElement();
    }
}
