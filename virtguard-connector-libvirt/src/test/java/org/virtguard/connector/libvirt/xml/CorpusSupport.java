package org.virtguard.connector.libvirt.xml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.spi.ConnectorException;

/** Reads files of the shared libvirt corpus in place. */
final class CorpusSupport {

    static final String HOST = "libvirt:corpus";

    private CorpusSupport() {
    }

    static Path libvirt(String relative) {
        return TestEnvironment.requireCorpus("libvirt/" + relative);
    }

    /** All XML files under a corpus folder, relative names sorted; empty when the corpus is absent. */
    static List<String> xmlFilesUnder(String folder) throws IOException {
        Path root = TestEnvironment.corpora().resolve("libvirt").resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".xml")).map(p -> root.relativize(p).toString())
                    .sorted().toList();
        }
    }

    static ParsedDomain domain(String relative) throws IOException, ConnectorException {
        return domain(relative, FilterResolver.stockOnly());
    }

    static ParsedDomain domain(String relative, FilterResolver filters) throws IOException, ConnectorException {
        Path file = libvirt("domains/" + relative);
        DomainParseContext ctx = new DomainParseContext(XmlOrigin.file(file.getFileName().toString()), HOST, filters,
                true, null);
        return DomainXmlParser.parse(Files.readAllBytes(file), ctx);
    }

    static List<org.virtguard.model.TrafficFilterDefinition> corpusFilters() throws IOException, ConnectorException {
        List<org.virtguard.model.TrafficFilterDefinition> out = new java.util.ArrayList<>();
        for (String f : xmlFilesUnder("nwfilter")) {
            if (f.startsWith("libvirt-tck/nwfilterxml2xmlin")) {
                continue;
            }
            Path p = libvirt("nwfilter/" + f);
            out.add(NwfilterXmlParser.parse(Files.readAllBytes(p), XmlOrigin.file(f), HOST));
        }
        return out;
    }
}
