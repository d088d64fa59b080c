package com.rushgate.local.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The bench's charts as SVG text: small, diffable, rendered by any browser and by GitHub. Three
 * kinds: values against categories (throughput against concurrency), latency against percentile
 * on a "nines" axis (p50, p90, p99, p99.9), and horizontal bars.
 */
final class Svg {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    /** A named line of values. */
    record Series(String name, double[] values) {
    }

    /** A named bar with its value. */
    record Bar(String label, double value) {
    }

    private Svg() {
    }

    /** Values at categories (e.g. requests per second at 1, 16, 64, 256 clients), one line per series. */
    static String categories(String title, String xLabel, String yLabel, List<String> categories, List<Series> series) {
        double max = series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).max().orElse(1);
        double top = niceCeiling(max);
        StringBuilder svg = open(title);
        axes(svg, xLabel, yLabel);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#ddd"));
            svg.append(text(LEFT - 8, y + 4, format(value), "end", 12));
        }
        double step = categories.size() == 1 ? 0 : (double) plotWidth / (categories.size() - 1);
        for (int i = 0; i < categories.size(); i++) {
            double x = LEFT + (categories.size() == 1 ? plotWidth / 2.0 : i * step);
            svg.append(text(x, HEIGHT - BOTTOM + 20, categories.get(i), "middle", 12));
        }
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS[s % COLOURS.length];
            List<String> points = new ArrayList<>();
            double[] values = series.get(s).values();
            for (int i = 0; i < values.length; i++) {
                double x = LEFT + (categories.size() == 1 ? plotWidth / 2.0 : i * step);
                double y = TOP + plotHeight - plotHeight * values[i] / top;
                points.add(fmt(x) + "," + fmt(y));
                svg.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
                        .append("\" r=\"4\" fill=\"").append(colour).append("\"/>\n");
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(String.join(" ", points)).append("\"/>\n");
            legend(svg, s, series.get(s).name(), colour);
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * Latency (log scale) against percentile on a nines axis: each series is a run's sorted
     * latencies in milliseconds.
     */
    static String percentiles(String title, List<String> names, List<double[]> sortedMs) {
        double max = sortedMs.stream().mapToDouble(v -> v.length == 0 ? 1 : v[v.length - 1]).max().orElse(1);
        double min = sortedMs.stream().mapToDouble(v -> v.length == 0 ? 1 : Math.max(0.1, v[0])).min().orElse(0.1);
        double low = Math.pow(10, Math.floor(Math.log10(min)));
        double high = Math.pow(10, Math.ceil(Math.log10(max)));
        StringBuilder svg = open(title);
        axes(svg, "percentile", "latency (ms, log scale)");
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double nines = 3; // up to p99.9
        for (double decade = low; decade <= high * 1.0001; decade *= 10) {
            double y = yLog(decade, low, high, plotHeight);
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#ddd"));
            svg.append(text(LEFT - 8, y + 4, format(decade), "end", 12));
        }
        String[] ticks = {"p0", "p90", "p99", "p99.9"};
        for (int i = 0; i <= 3; i++) {
            double x = LEFT + plotWidth * i / nines;
            svg.append(line(x, TOP, x, TOP + plotHeight, "#eee"));
            svg.append(text(x, HEIGHT - BOTTOM + 20, ticks[i], "middle", 12));
        }
        double x50 = LEFT + plotWidth * Math.log10(2) / nines;
        svg.append(text(x50, HEIGHT - BOTTOM + 20, "p50", "middle", 12));
        for (int s = 0; s < names.size(); s++) {
            double[] values = sortedMs.get(s);
            String colour = COLOURS[s % COLOURS.length];
            List<String> points = new ArrayList<>();
            int steps = 300;
            for (int i = 0; i <= steps && values.length > 0; i++) {
                double position = nines * i / steps;
                double percentile = 1 - Math.pow(10, -position);
                int index = Math.min(values.length - 1, (int) Math.floor(percentile * values.length));
                double x = LEFT + plotWidth * position / nines;
                double y = yLog(Math.max(low, values[index]), low, high, plotHeight);
                points.add(fmt(x) + "," + fmt(y));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(String.join(" ", points)).append("\"/>\n");
            legend(svg, s, names.get(s), colour);
        }
        return svg.append("</svg>\n").toString();
    }

    /** Horizontal bars, one per label. */
    static String bars(String title, String unit, List<Bar> bars) {
        int height = TOP + BOTTOM + bars.size() * 26;
        double top = niceCeiling(bars.stream().mapToDouble(Bar::value).max().orElse(1));
        int labelWidth = 260;
        int plotWidth = WIDTH - labelWidth - RIGHT - 60;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" font-family=\"sans-serif\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(WIDTH / 2.0, 28, title, "middle", 16));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = TOP + i * 26;
            double width = plotWidth * bar.value() / top;
            svg.append(text(labelWidth - 8, y + 15, bar.label(), "end", 12));
            svg.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(fmt(y + 3)).append("\" width=\"")
                    .append(fmt(width)).append("\" height=\"18\" fill=\"").append(COLOURS[0]).append("\"/>\n");
            svg.append(text(labelWidth + width + 6, y + 16, format(bar.value()) + " " + unit, "start", 12));
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" font-family=\"sans-serif\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(WIDTH / 2.0, 28, title, "middle", 16));
        return svg;
    }

    private static void axes(StringBuilder svg, String xLabel, String yLabel) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(line(LEFT, TOP, LEFT, bottom, "#333"));
        svg.append(line(LEFT, bottom, WIDTH - RIGHT, bottom, "#333"));
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 15, xLabel, "middle", 13));
        svg.append("<text x=\"18\" y=\"").append((TOP + bottom) / 2).append("\" font-size=\"13\" text-anchor=\"middle\" ")
                .append("transform=\"rotate(-90 18 ").append((TOP + bottom) / 2).append(")\">").append(escape(yLabel))
                .append("</text>\n");
    }

    private static void legend(StringBuilder svg, int index, String name, String colour) {
        double y = TOP + 8 + index * 18;
        svg.append("<rect x=\"").append(LEFT + 12).append("\" y=\"").append(fmt(y - 9)).append("\" width=\"12\" height=\"12\" fill=\"")
                .append(colour).append("\"/>\n");
        svg.append(text(LEFT + 30, y + 1, name, "start", 12));
    }

    private static double yLog(double value, double low, double high, int plotHeight) {
        double position = (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
        return TOP + plotHeight - plotHeight * position;
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (value <= factor * magnitude) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + colour + "\"/>\n";
    }

    private static String text(double x, double y, String content, String anchor, int size) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor + "\">"
                + escape(content) + "</text>\n";
    }

    private static String format(double value) {
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 1 ? "%.1f" : "%.2f", value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
