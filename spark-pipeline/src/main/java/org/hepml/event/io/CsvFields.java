package org.hepml.event.io;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.util.Arrays;
import java.util.List;

/**
 * The fields of one line of a CSV file, by univocity-parsers (RFC 4180: quoted fields, doubled quotes, commas
 * inside quotes; the parser Spark's own CSV source uses, so it is on every Spark classpath). The ingest reads the
 * file line by line itself and hands each line here, which keeps exact line numbers and the raw line for errors
 * and the quarantine (HiggsML rows never hold a line break inside a field). Empty fields stay empty strings, spaces
 * are kept (the number parse reports them). Not thread-safe: one per reader.
 */
final class CsvFields {
    /** Longer fields are a bad line, not a parse of gigabytes. */
    static final int MAX_FIELD_CHARS = 4096;

    private final CsvParser parser;

    CsvFields() {
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(',');
        s.getFormat().setQuote('"');
        s.getFormat().setQuoteEscape('"');
        s.setNullValue("");
        s.setEmptyValue("");
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        s.setMaxCharsPerColumn(MAX_FIELD_CHARS);
        s.setMaxColumns(4096);
        s.setErrorContentLength(0); // the error names the line; the raw line goes to the quarantine, not the message
        this.parser = new CsvParser(s);
    }

    /** Clears {@code into}, fills it with the fields of {@code line}, and returns it. */
    List<String> split(String line, List<String> into) throws BadRowException {
        into.clear();
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        String[] fields;
        try {
            fields = parser.parseLine(text);
        } catch (TextParsingException e) {
            throw new BadRowException(null, "not a CSV line: " + firstLine(e.getMessage()));
        }
        if (fields == null) { // an empty line
            into.add("");
        } else {
            into.addAll(Arrays.asList(fields));
        }
        return into;
    }

    private static String firstLine(String message) {
        return message == null
                ? "unreadable"
                : message.lines().findFirst().orElse("unreadable").trim();
    }
}
