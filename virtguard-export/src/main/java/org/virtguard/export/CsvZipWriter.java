package org.virtguard.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The CSV tabs as entries {@code NAME.csv} of one zip: what the console and API download. */
public final class CsvZipWriter extends CsvTabs {

    private final ZipOutputStream zip;

    /** Writes the zip to {@code out}, which the caller closes after {@link #finish()}. */
    public CsvZipWriter(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    }

    @Override
    protected OutputStream open(String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name + ".csv"));
        return new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    @Override
    protected void close(OutputStream stream) throws IOException {
        stream.flush();
        zip.closeEntry();
    }

    @Override
    protected void complete() throws IOException {
        zip.finish();
        zip.flush();
    }
}
