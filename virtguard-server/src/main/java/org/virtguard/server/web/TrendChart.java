package org.virtguard.server.web;

import java.util.List;
import java.util.Locale;

import org.virtguard.store.findings.TrendPoint;

/** The findings trend as an inline SVG line chart, rendered on the server (no script, no inline styles). */
final class TrendChart {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 160;
    private static final int PAD = 24;

    private TrendChart() {
    }

    /** The chart of failing findings per evaluation, oldest left; a note when there are no evaluations yet. */
    static String svg(List<TrendPoint> points) {
        if (points.isEmpty()) {
            return "<p class=\"muted\" id=\"trend-empty\">No evaluations recorded yet.</p>";
        }
        long max = Math.max(1, points.stream().mapToLong(TrendPoint::total).max().orElse(1));
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        int n = points.size();
        for (int i = 0; i < n; i++) {
            TrendPoint p = points.get(i);
            double x = n == 1 ? WIDTH / 2.0 : PAD + (WIDTH - 2.0 * PAD) * i / (n - 1);
            double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * p.total() / max;
            line.append(i == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
            dots.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
                    .append("\" r=\"3\" fill=\"#b42318\" data-failing=\"").append(p.total()).append("\"><title>")
                    .append(Html.time(p.evaluatedAt())).append(": ").append(p.total()).append(" failing</title></circle>");
        }
        return "<svg id=\"trend\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" width=\"100%\" role=\"img\" "
                + "aria-label=\"Failing findings per evaluation\">"
                + "<line x1=\"" + PAD + "\" y1=\"" + (HEIGHT - PAD) + "\" x2=\"" + (WIDTH - PAD) + "\" y2=\""
                + (HEIGHT - PAD) + "\" stroke=\"#9ca3af\"/>"
                + "<text x=\"2\" y=\"" + (PAD - 6) + "\" font-size=\"11\" fill=\"#6b7280\">" + max + "</text>"
                + "<text x=\"2\" y=\"" + (HEIGHT - PAD + 14) + "\" font-size=\"11\" fill=\"#6b7280\">"
                + Html.time(points.get(0).evaluatedAt()) + "</text>"
                + "<text x=\"" + (WIDTH - 2) + "\" y=\"" + (HEIGHT - PAD + 14) + "\" font-size=\"11\" fill=\"#6b7280\" "
                + "text-anchor=\"end\">" + Html.time(points.get(n - 1).evaluatedAt()) + "</text>"
                + "<polyline points=\"" + line + "\" fill=\"none\" stroke=\"#b42318\" stroke-width=\"2\"/>"
                + dots + "</svg>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
