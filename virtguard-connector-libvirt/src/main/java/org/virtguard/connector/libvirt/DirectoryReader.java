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
 * subdirectories (hidden ones and symbolic links to directories skipped, at most {@value #MAX_DEPTH} levels deep),
 * sorted by path, at most {@code maxFiles} of them, each at most {@code maxFileBytes}. Files that cannot be parsed
 * become warnings; so do files without {@code .xml} at the top (deeper ones are counted in one warning).
 */
final class DirectoryReader {

    /** How deep subdirectories are read. */
    static final int MAX_DEPTH = 8;

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
        list(dir, 0, files, warnings);
        files.sort(null);
        if (files.size() > maxFiles) {
            warnings.add(new CollectionWarning("directory", ErrorCode.INPUT_TOO_LARGE, source.describe() + ": "
                    + files.size() + " files, only the first " + maxFiles + " were read (option max-files)"));
            files = files.subList(0, maxFiles);
        }
        Contents contents = new Contents(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int otherNested = 0;
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            if (!name.toLowerCase(Locale.ROOT).endsWith(".xml")) {
                if (file.getParent().equals(dir)) {
                    warnings.add(new CollectionWarning("file " + name, ErrorCode.INVALID_INPUT,
                            name + ": not an .xml file; ignored"));
                } else {
                    otherNested++;
                }
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
        if (otherNested > 0) {
            warnings.add(new CollectionWarning("directory", ErrorCode.INVALID_INPUT, source.describe() + ": "
                    + otherNested + " files without .xml in subdirectories ignored"));
        }
        return contents;
    }

    private void list(Path dir, int depth, List<Path> out, List<CollectionWarning> warnings)
            throws ConnectorException {
        List<Path> subdirectories = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    subdirectories.add(p);
                } else if (Files.isRegularFile(p)) {
                    out.add(p);
                }
                if (out.size() > maxFiles * 2L + 16) {
                    return;
                }
            }
        } catch (IOException e) {
            if (depth > 0) {
                String name = source.directory().relativize(dir).toString();
                warnings.add(new CollectionWarning("directory " + name, ErrorCode.SOURCE_UNREACHABLE,
                        name + ": cannot be listed (" + e.getMessage() + "); its files were not read"));
                return;
            }
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, source.id(),
                    source.describe() + ": cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (depth < MAX_DEPTH) {
            subdirectories.sort(null);
            for (Path sub : subdirectories) {
                list(sub, depth + 1, out, warnings);
            }
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
