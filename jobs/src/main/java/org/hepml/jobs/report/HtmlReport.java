package org.hepml.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.knowm.xchart.XYChart;

/** A one-page HTML report: headings, paragraphs, tables and PNG plots, written to {@code DIR/index.html}. */
public final class HtmlReport {
    private final Path dir;
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(Path dir, String title) throws IOException {
        this.dir = dir;
        this.title = title;
        Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A table: the first row is the header. */
    public HtmlReport table(List<String[]> rows) {
        body.append("<table>\n");
        for (int i = 0; i < rows.size(); i++) {
            String cell = i == 0 ? "th" : "td";
            body.append("<tr>");
            for (String c : rows.get(i)) {
                body.append('<')
                        .append(cell)
                        .append('>')
                        .append(escape(c))
                        .append("</")
                        .append(cell)
                        .append('>');
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Saves the chart as {@code name.png} beside the page and shows it. */
    public HtmlReport plot(XYChart chart, String name) throws IOException {
        String file = Plots.save(chart, dir, name);
        body.append("<figure><img src=\"")
                .append(file)
                .append("\" alt=\"")
                .append(escape(chart.getTitle()))
                .append("\" width=\"")
                .append(Plots.WIDTH)
                .append("\"></figure>\n");
        return this;
    }

    /** Writes index.html; returns its path. */
    public Path write() throws IOException {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em "
                + ".7em;text-align:right}"
                + "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}figure{margin:1em 0}</style>\n"
                + "</head><body>\n<h1>" + escape(title) + "</h1>\n<p class=\"when\">"
                + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + "</p>\n" + body
                + "</body></html>\n";
        Path index = dir.resolve("index.html");
        Files.writeString(index, html, StandardCharsets.UTF_8);
        return index;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
