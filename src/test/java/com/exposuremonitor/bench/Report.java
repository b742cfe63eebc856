package com.exposuremonitor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run found: figures in a JSON tree, one summary line per figure, and the targets, written as
 * {@code results.json}, {@code summary.txt} and a hand-made {@code chart.svg}.
 */
final class Report {
    /** A ratio and its target; {@code atLeast} false means the ratio must stay at or below the target. */
    record Target(String name, double value, double target, boolean atLeast, String note) {
        boolean met() {
            return atLeast ? value >= target : value <= target;
        }

        /** How far towards the target, 1.0 = exactly on it; above 1 is better. */
        double score() {
            return atLeast ? value / target : value == 0 ? 2 : target / value;
        }
    }

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final Map<String, Double> throughput = new LinkedHashMap<>();

    Map<String, Object> section(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) figures.computeIfAbsent(name, k -> new LinkedHashMap<>());
        return s;
    }

    void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        System.out.println("BENCH " + line);
    }

    void rate(Rate r) {
        throughput.put(r.name(), r.perSecond());
        Map<String, Object> s = section("throughput");
        s.put(r.name(), Map.of("records", r.records(), "seconds", round(r.seconds()), "recordsPerSecond",
                round(r.perSecond())));
        line("%s: %,.0f records/s (%,d records in %.1f s)", r.name(), r.perSecond(), r.records(), r.seconds());
    }

    void target(Target t) {
        targets.add(t);
        section("ratios").put(key(t.name()), round(t.value()));
        Map<String, Object> s = section("targets");
        s.put(t.name(), Map.of("value", round(t.value()), "target", t.target(),
                "comparison", t.atLeast() ? ">=" : "<=", "met", t.met()));
        line("%s = %.3f (target %s %s%s): %s", t.name(), t.value(), t.atLeast() ? ">=" : "<=", fmt(t.target()),
                t.note().isEmpty() ? "" : ", " + t.note(), t.met() ? "MET" : "MISSED");
    }

    /** A stable JSON key for a figure's name: {@code app_eos/app_alos} becomes {@code app_eos_over_app_alos}. */
    static String key(String name) {
        return name.replace("/", "_over_").replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_|_$", "");
    }

    /** A ratio reported without a target. */
    void ratio(String name, double value) {
        section("ratios").put(key(name), round(value));
        line("%s = %.3f (no target)", name, value);
    }

    List<String> lines() {
        return lines;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("results.json").toFile(), figures);
        Files.write(dir.resolve("summary.txt"), lines);
        Files.writeString(dir.resolve("chart.svg"), svg());
    }

    /** Two panels: throughput bars (records/s), and each target as a bar where 1.0 means exactly on target. */
    String svg() {
        int width = 900;
        int rowH = 26;
        int top = 40;
        int panel1 = top + Math.max(1, throughput.size()) * rowH + 40;
        int height = panel1 + 30 + Math.max(1, targets.size()) * rowH + 30;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Throughput (records/s, same broker,"
                + " partitions, serde, acks)</text>\n");
        double maxRate = throughput.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int y = top;
        int x0 = 200;
        int barMax = width - x0 - 120;
        for (Map.Entry<String, Double> e : throughput.entrySet()) {
            int w = (int) Math.max(1, barMax * e.getValue() / maxRate);
            b.append(bar(x0, y, w, rowH - 8, "#4a7bd0", e.getKey(), String.format(Locale.ROOT, "%,.0f", e.getValue())));
            y += rowH;
        }
        y = panel1;
        b.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-size=\"15\" font-weight=\"bold\">Targets"
                + " (bar = value relative to target; right of the line = met)</text>%n", y - 12));
        double scale = barMax / 2.0;
        for (Target t : targets) {
            int w = (int) Math.max(1, Math.min(2.0, t.score()) * scale);
            String label = String.format(Locale.ROOT, "%.3f %s %s", t.value(), t.atLeast() ? ">=" : "<=", fmt(t.target()));
            b.append(bar(x0, y, w, rowH - 8, t.met() ? "#3a9a52" : "#d0493a", t.name(), label));
            y += rowH;
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\""
                + " stroke-dasharray=\"4 3\"/>%n", x0 + (int) scale, panel1 - 6, x0 + (int) scale, y));
        b.append("</svg>\n");
        return b.toString();
    }

    private static String bar(int x, int y, int w, int h, String color, String name, String label) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                        + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%d\">%s</text>%n",
                x - 6, y + h - 4, escape(name), x, y, w, h, color, x + w + 6, y + h - 4, escape(label));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
