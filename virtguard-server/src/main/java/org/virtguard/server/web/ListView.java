package org.virtguard.server.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.javalin.http.Context;
import org.virtguard.server.api.ListParams;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;

/**
 * One console list: a filter form, a table whose headers sort on the server, a pager and an export of the
 * current filter and order as CSV ({@code format=csv}, at most {@value #MAX_EXPORT} rows, fetched a page at a
 * time). The same {@link ListParams} drive the JSON API, so a console URL and an API URL page alike.
 *
 * @param <T> the row type
 */
public final class ListView<T> {

    /** Most rows one CSV export holds. */
    public static final int MAX_EXPORT = 100_000;
    private static final int EXPORT_CHUNK = 1000;

    /**
     * A column.
     *
     * @param header  its heading
     * @param sortKey the list's sort key it orders by, or {@code null} when it does not sort
     * @param html    the cell's HTML (escaped by the function)
     * @param text    the cell's plain text for CSV
     * @param numeric right-aligned
     */
    public record Column<T>(String header, String sortKey, Function<T, String> html, Function<T, String> text,
                            boolean numeric) {

        /** A text column: the same value escaped in HTML and plain in CSV. */
        public static <T> Column<T> text(String header, String sortKey, Function<T, Object> value) {
            return new Column<>(header, sortKey, t -> Html.esc(value.apply(t)),
                    t -> value.apply(t) == null ? "" : String.valueOf(value.apply(t)), false);
        }

        /** A right-aligned number column. */
        public static <T> Column<T> number(String header, String sortKey, Function<T, Object> value) {
            return new Column<>(header, sortKey, t -> Html.esc(value.apply(t)), t -> String.valueOf(value.apply(t)),
                    true);
        }
    }

    /**
     * A filter field of the form: a text box when {@code options} is empty, else a select (first option "any").
     *
     * @param key     the list's filter key (also the query parameter)
     * @param label   its label
     * @param options allowed values for a select
     */
    public record Field(String key, String label, List<String> options) {
    }

    private final String id;
    private final String path;
    private final List<Column<T>> columns;
    private final List<Field> fields;
    private Function<T, String> rowClass = t -> null;

    /**
     * @param id      the table's element id
     * @param path    the page's path (form action and links)
     * @param columns its columns
     * @param fields  the filter form's fields; {@code filter} is the text search
     */
    public ListView(String id, String path, List<Column<T>> columns, List<Field> fields) {
        this.id = id;
        this.path = path;
        this.columns = List.copyOf(columns);
        this.fields = List.copyOf(fields);
    }

    /** This view with a CSS class for each row ({@code null} for none). */
    public ListView<T> rowClass(Function<T, String> classOf) {
        this.rowClass = classOf;
        return this;
    }

    /** Parameter changes for {@link ListParams#query}: name, value pairs; a {@code null} value removes one. */
    public static Map<String, String> kv(String... pairs) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Whether the request asks for the CSV export. */
    public static boolean wantsCsv(Context ctx) {
        return "csv".equalsIgnoreCase(ctx.queryParam("format"));
    }

    /** The filter form, the table of {@code result}, the pager and the export link. */
    public String render(ListParams p, ListResult<T> result, String empty) {
        StringBuilder b = new StringBuilder(4096 + result.items().size() * 256);
        form(b, p);
        long from = result.items().isEmpty() ? 0 : p.offset() + 1;
        long to = p.offset() + result.items().size();
        b.append("<p class=\"muted list-summary\" data-list=\"").append(Html.esc(id)).append("\">");
        if (result.total() == 0) {
            b.append(Html.esc(empty));
        } else {
            b.append("Rows ").append(from).append('–').append(to).append(" of <span data-field=\"")
                    .append(Html.esc(id)).append(".total\">").append(result.total()).append("</span>");
        }
        b.append(" · <a class=\"export\" href=\"").append(Html.esc(path + p.query(kv("format", "csv", "page", null))))
                .append("\">Export CSV</a></p>");
        b.append("<table class=\"list\" id=\"").append(Html.esc(id)).append("\"><thead><tr>");
        for (Column<T> c : columns) {
            b.append("<th").append(c.numeric() ? " class=\"num\"" : "");
            if (c.sortKey() == null) {
                b.append('>').append(Html.esc(c.header())).append("</th>");
                continue;
            }
            boolean active = c.sortKey().equals(p.sort());
            String next = active && !p.descending() ? "desc" : "asc";
            if (active) {
                b.append(" aria-sort=\"").append(p.descending() ? "descending" : "ascending").append('"');
            }
            b.append("><a href=\"").append(Html.esc(path + p.query(Map.of("sort", c.sortKey(), "dir", next, "page", "1"))))
                    .append("\">").append(Html.esc(c.header()))
                    .append(active ? (p.descending() ? " ▼" : " ▲") : "").append("</a></th>");
        }
        b.append("</tr></thead><tbody>");
        for (T row : result.items()) {
            String cls = rowClass.apply(row);
            b.append(cls == null ? "<tr>" : "<tr class=\"" + Html.esc(cls) + "\">");
            for (Column<T> c : columns) {
                b.append(c.numeric() ? "<td class=\"num\">" : "<td>").append(c.html().apply(row)).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        pager(b, p, result.total());
        return b.toString();
    }

    private void form(StringBuilder b, ListParams p) {
        b.append("<form class=\"search list-filter\" method=\"get\" action=\"").append(Html.esc(path)).append("\">");
        for (Field f : fields) {
            String value = p.filter(f.key());
            if (f.options().isEmpty()) {
                b.append("<input type=\"search\" name=\"").append(Html.esc(f.key())).append("\" value=\"")
                        .append(Html.esc(value)).append("\" maxlength=\"").append(ListParams.MAX_TEXT)
                        .append("\" placeholder=\"").append(Html.esc(f.label())).append("\" aria-label=\"")
                        .append(Html.esc(f.label())).append("\">");
            } else {
                b.append("<select name=\"").append(Html.esc(f.key())).append("\" aria-label=\"").append(Html.esc(f.label()))
                        .append("\"><option value=\"\">").append(Html.esc(f.label())).append(": any</option>");
                for (String o : f.options()) {
                    b.append("<option value=\"").append(Html.esc(o)).append('"')
                            .append(o.equalsIgnoreCase(value) ? " selected" : "").append('>').append(Html.esc(o))
                            .append("</option>");
                }
                b.append("</select>");
            }
        }
        if (p.sort() != null) {
            b.append("<input type=\"hidden\" name=\"sort\" value=\"").append(Html.esc(p.sort())).append("\">")
                    .append("<input type=\"hidden\" name=\"dir\" value=\"").append(p.dir()).append("\">");
        }
        b.append("<button type=\"submit\">Filter</button>");
        if (!p.filters().isEmpty()) {
            b.append(" <a href=\"").append(Html.esc(path)).append("\">Clear</a>");
        }
        b.append("</form>");
    }

    private void pager(StringBuilder b, ListParams p, long total) {
        long pages = Math.max(1, (total + p.size() - 1) / p.size());
        if (pages <= 1) {
            return;
        }
        b.append("<nav class=\"pager\" aria-label=\"Pages\">");
        if (p.page() > 1) {
            b.append("<a rel=\"prev\" href=\"").append(Html.esc(path + p.query(Map.of("page", String.valueOf(p.page() - 1)))))
                    .append("\">‹ Previous</a> ");
        }
        b.append("<span>Page ").append(p.page()).append(" of ").append(pages).append("</span>");
        if (p.page() < pages) {
            b.append(" <a rel=\"next\" href=\"").append(Html.esc(path + p.query(Map.of("page", String.valueOf(p.page() + 1)))))
                    .append("\">Next ›</a>");
        }
        b.append("</nav>");
    }

    /**
     * Answers with the CSV of every row matching the current filter in the current order (the page is ignored), at
     * most {@link #MAX_EXPORT}; header {@code X-VirtGuard-Truncated: true} when there were more.
     */
    public void csv(Context ctx, ListParams p, Function<ListRequest, ListResult<T>> listing, String fileName) {
        ListRequest first = p.request().window(0, EXPORT_CHUNK);
        ListResult<T> chunk = ListParams.run(listing, first);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        ctx.header("X-VirtGuard-Truncated", String.valueOf(chunk.total() > MAX_EXPORT));
        List<String> header = new ArrayList<>();
        columns.forEach(c -> header.add(c.header()));
        try {
            OutputStream out = ctx.outputStream();
            out.write(Csv.line(header).getBytes(StandardCharsets.UTF_8));
            int offset = 0;
            while (true) {
                for (T row : chunk.items()) {
                    List<String> cells = new ArrayList<>(columns.size());
                    columns.forEach(c -> cells.add(c.text().apply(row)));
                    out.write(Csv.line(cells).getBytes(StandardCharsets.UTF_8));
                }
                offset += chunk.items().size();
                if (chunk.items().size() < EXPORT_CHUNK || offset >= MAX_EXPORT) {
                    break;
                }
                chunk = listing.apply(first.window(offset, Math.min(EXPORT_CHUNK, MAX_EXPORT - offset)));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
