package org.hepml.event.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The header line of an event CSV file: column names and where each stands. */
public final class CsvHeader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final List<String> names;
    private final Map<String, Integer> index;

    private CsvHeader(String file, List<String> names, Map<String, Integer> index) {
        this.file = file;
        this.names = names;
        this.index = index;
    }

    /** Parses a header line; fails on an empty header and on a column named twice. */
    public static CsvHeader parse(String line, String file) {
        if (line == null || line.isBlank()) {
            throw new EventInputException(file + ": empty file: expected a CSV header line (EventId,DER_mass_MMC,...)");
        }
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        List<String> names = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        List<String> fields;
        try {
            fields = new CsvFields().split(text, new ArrayList<>());
        } catch (BadRowException e) {
            throw new EventInputException(file + ": line 1: the header is " + e.getMessage());
        }
        for (String raw : fields) {
            String name = raw.trim();
            if (index.putIfAbsent(name, names.size()) != null) {
                throw new EventInputException(file + ": line 1: column '" + name + "' appears twice in the header");
            }
            names.add(name);
        }
        return new CsvHeader(file, Collections.unmodifiableList(names), index);
    }

    /** Fails, naming the first column the format needs that the header lacks. */
    public void requireColumns(EventFileFormat format) {
        for (String c : format.requiredColumns()) {
            if (!index.containsKey(c)) {
                throw new EventInputException(file + ": missing column '" + c + "' (needed by the " + format.cliName()
                        + " format; the header has " + names.size() + " columns)");
            }
        }
    }

    /** Header columns the format does not use (they are not written to Parquet). */
    public List<String> unusedColumns(EventFileFormat format) {
        List<String> extra = new ArrayList<>(names);
        extra.removeAll(format.requiredColumns());
        return extra;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** Position of a column, or -1. */
    public int indexOf(String column) {
        return index.getOrDefault(column, -1);
    }

    public String file() {
        return file;
    }
}
