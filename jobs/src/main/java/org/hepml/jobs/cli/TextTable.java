package org.hepml.jobs.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of the command line's figures, written once and shown two ways: plain text with aligned columns (numbers
 * right-aligned, text left-aligned) for the console, and Markdown for results files.
 */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    public TextTable(String... header) {
        this.header = header;
    }

    public TextTable row(Object... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        int[] w = new int[header.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = header[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        sb.append(rule).append('\n');
        for (String[] r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    /** The same table in Markdown (a '|' inside a cell escaped). */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        markdownLine(sb, header);
        sb.append('|').append("---|".repeat(header.length)).append('\n');
        rows.forEach(r -> markdownLine(sb, r));
        return sb.toString();
    }

    private static void markdownLine(StringBuilder sb, String[] cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(c.replace("|", "\\|")).append('|');
        }
        sb.append('\n');
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            boolean numeric = !c.isEmpty() && c.matches("[-+]?[0-9][0-9,.eE+-]*");
            String pad = " ".repeat(w[i] - c.length());
            l.append(i == 0 ? "" : "  ").append(numeric ? pad + c : c + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
