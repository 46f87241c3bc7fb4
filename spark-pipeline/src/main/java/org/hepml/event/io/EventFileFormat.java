package org.hepml.event.io;

import static org.hepml.event.HiggsEventSchema.EVENT_ID;
import static org.hepml.event.HiggsEventSchema.KAGGLE_SET;
import static org.hepml.event.HiggsEventSchema.SOURCE_KAGGLE_WEIGHT;
import static org.hepml.event.HiggsEventSchema.SOURCE_LABEL;
import static org.hepml.event.HiggsEventSchema.SOURCE_WEIGHT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.hepml.event.HiggsEventSchema;

/**
 * The three CSV layouts the HiggsML data come in: the CERN Open Data file (35 columns), the Kaggle
 * {@code training.csv} (33) and {@code test.csv} (31). Columns are found by header name, so their order may vary.
 */
public enum EventFileFormat {
    /** {@code atlas-higgs-challenge-2014-v2.csv}: features, Weight, Label, KaggleSet, KaggleWeight. */
    CERN("cern", List.of(SOURCE_WEIGHT, SOURCE_LABEL, KAGGLE_SET, SOURCE_KAGGLE_WEIGHT)),
    /** Kaggle {@code training.csv}: features, Weight, Label. */
    KAGGLE_TRAIN("kaggle-train", List.of(SOURCE_WEIGHT, SOURCE_LABEL)),
    /** Kaggle {@code test.csv}: features only. */
    KAGGLE_TEST("kaggle-test", List.of());

    private final String cliName;
    private final List<String> requiredColumns;

    EventFileFormat(String cliName, List<String> bookkeeping) {
        this.cliName = cliName;
        List<String> cols = new ArrayList<>();
        cols.add(EVENT_ID);
        cols.addAll(HiggsEventSchema.features());
        cols.addAll(bookkeeping);
        this.requiredColumns = Collections.unmodifiableList(cols);
    }

    /** The name used on the command line ({@code cern}, {@code kaggle-train}, {@code kaggle-test}). */
    public String cliName() {
        return cliName;
    }

    /** Every column the format needs, in the order of the original files. */
    public List<String> requiredColumns() {
        return requiredColumns;
    }

    public boolean labelled() {
        return this != KAGGLE_TEST;
    }

    public boolean hasKaggleSet() {
        return this == CERN;
    }

    /**
     * The format a header belongs to, judged by its bookkeeping columns: KaggleSet or KaggleWeight means the CERN
     * file, Label or Weight the Kaggle training file, neither the Kaggle test file. Missing feature columns are
     * reported later, by {@link CsvHeader#requireColumns}, naming the column.
     */
    public static EventFileFormat detect(Collection<String> header) {
        if (header.contains(KAGGLE_SET) || header.contains(SOURCE_KAGGLE_WEIGHT)) {
            return CERN;
        }
        if (header.contains(SOURCE_LABEL) || header.contains(SOURCE_WEIGHT)) {
            return KAGGLE_TRAIN;
        }
        return KAGGLE_TEST;
    }

    /** Parses a command-line name; throws with the list of valid names otherwise. */
    public static EventFileFormat fromCliName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (EventFileFormat f : values()) {
            if (f.cliName.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown format '" + name + "': use auto, cern, kaggle-train or kaggle-test");
    }
}
