package org.virtguard.connector.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.virtguard.connector.libvirt.xml.LibvirtXml;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.model.CollectionWarning;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.SafeXml;
import org.virtguard.xml.XmlInputException;
import org.w3c.dom.Document;

/**
 * Lists and safely parses the XML files of an offline libvirt directory: the files in it and in its
 * {@code networks/} and {@code nwfilters/} subdirectories, sorted by name, at most {@code maxFiles} of them, each
 * at most {@code maxFileBytes}. Files that are not XML or cannot be parsed become warnings.
 */
final class DirectoryReader {

    static final List<String> SUBDIRECTORIES = List.of("networks", "nwfilters");

    /** A parsed file; {@code name} is its path relative to the directory. */
    record XmlFile(String name, Document doc) {
    }

    /** The parsed files, by the kind of their root element. */
    record Contents(List<XmlFile> domains, List<XmlFile> networks, List<XmlFile> filters) {
    }

    private final LibvirtSource source;
    private final int maxFiles;
    private final SafeXml parser;

    DirectoryReader(LibvirtSource source, int maxFiles, long maxFileBytes) {
        this.source = source;
        this.maxFiles = maxFiles;
        this.parser = SafeXml.withMaxBytes(maxFileBytes);
    }

    Contents read(List<CollectionWarning> warnings) throws ConnectorException {
        Path dir = source.directory();
        if (!Files.isDirectory(dir)) {
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, source.id(), source.describe() + ": "
                    + dir + (Files.exists(dir) ? " is not a directory" : " does not exist"));
        }
        List<Path> files = new ArrayList<>();
        list(dir, files);
        for (String sub : SUBDIRECTORIES) {
            Path subdir = dir.resolve(sub);
            if (Files.isDirectory(subdir)) {
                list(subdir, files);
            }
        }
        files.sort(null);
        if (files.size() > maxFiles) {
            warnings.add(new CollectionWarning("directory", ErrorCode.INPUT_TOO_LARGE, source.describe() + ": "
                    + files.size() + " files, only the first " + maxFiles + " were read (option max-files)"));
            files = files.subList(0, maxFiles);
        }
        Contents contents = new Contents(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            if (!name.toLowerCase(Locale.ROOT).endsWith(".xml")) {
                warnings.add(new CollectionWarning("file " + name, ErrorCode.INVALID_INPUT,
                        name + ": not an .xml file; ignored"));
                continue;
            }
            Document doc = parse(file, name, warnings);
            if (doc == null) {
                continue;
            }
            switch (LibvirtXml.kindOf(doc)) {
                case DOMAIN -> contents.domains().add(new XmlFile(name, doc));
                case NETWORK -> contents.networks().add(new XmlFile(name, doc));
                case NWFILTER -> contents.filters().add(new XmlFile(name, doc));
                case OTHER -> warnings.add(new CollectionWarning("file " + name, ErrorCode.INVALID_INPUT, name
                        + ": root element <" + doc.getDocumentElement().getTagName()
                        + "> is not a libvirt domain, network or filter; ignored"));
            }
        }
        return contents;
    }

    private void list(Path dir, List<Path> out) throws ConnectorException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
                if (out.size() > maxFiles * 2L + 16) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, source.id(),
                    source.describe() + ": cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private Document parse(Path file, String name, List<CollectionWarning> warnings) {
        XmlOrigin origin = new XmlOrigin(source.id(), name);
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(parser.readBounded(in, name), name);
        } catch (XmlInputException e) {
            ConnectorException ce = LibvirtXml.toConnectorException(e, origin);
            warnings.add(new CollectionWarning("file " + name, ce.code(), ce.getMessage()));
        } catch (IOException e) {
            warnings.add(new CollectionWarning("file " + name, ErrorCode.SOURCE_UNREACHABLE,
                    name + ": cannot be read: " + e.getMessage()));
        }
        return null;
    }
}
