package org.virtguard.connector.libvirt.xml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The structure of the traffic filters libvirt ships: which stock filter includes which. */
public final class StockFilters {

    private static final String RESOURCE = "stock-nwfilters.txt";
    private static final Map<String, List<String>> INCLUDES = load();

    private StockFilters() {
    }

    /** Stock filter names and the filters each includes, in libvirt's order. */
    public static Map<String, List<String>> includes() {
        return INCLUDES;
    }

    /** Whether libvirt ships a filter by this name. */
    public static boolean isStock(String name) {
        return INCLUDES.containsKey(name);
    }

    private static Map<String, List<String>> load() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (InputStream in = StockFilters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String l = line.trim();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int colon = l.indexOf(':');
                String name = l.substring(0, colon).trim();
                String rest = l.substring(colon + 1).trim();
                List<String> includes = rest.isEmpty() ? List.of()
                        : List.copyOf(new ArrayList<>(Arrays.stream(rest.split(",")).map(String::trim).toList()));
                out.put(name, includes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }
}
