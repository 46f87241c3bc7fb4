package org.hepml.event.io;

import static org.hepml.event.HiggsEventSchema.EVENT_ID;
import static org.hepml.event.HiggsEventSchema.JET_COUNT;
import static org.hepml.event.HiggsEventSchema.KAGGLE_SET;
import static org.hepml.event.HiggsEventSchema.MAX_JET_COUNT;
import static org.hepml.event.HiggsEventSchema.MISSING_VALUE;
import static org.hepml.event.HiggsEventSchema.SOURCE_KAGGLE_WEIGHT;
import static org.hepml.event.HiggsEventSchema.SOURCE_LABEL;
import static org.hepml.event.HiggsEventSchema.SOURCE_WEIGHT;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructType;
import org.hepml.event.FeatureRanges;
import org.hepml.event.HiggsEventSchema;

/**
 * Turns one data line of a HiggsML CSV file into the values of an event Parquet row
 * ({@link HiggsEventSchema#parquetSchema}): numbers parsed strictly (finite only), -999.0 features to null,
 * {@code s|b} to 1.0|0.0, the training weight taken from KaggleWeight where the file has it. One parser serves
 * one file (its header fixes where each column stands); not thread-safe.
 */
public final class EventLineParser {
    private static final Set<String> KAGGLE_SETS = Set.of("t", "b", "v", "u");

    private final EventFileFormat format;
    private final int expectedFields;
    private final int eventIdAt;
    private final int[] featureAt;
    private final int jetCountSlot;
    private final int labelAt;
    private final int weightAt;
    private final int kaggleWeightAt;
    private final int kaggleSetAt;
    private final String[] featureNames;
    private final List<String> fields = new ArrayList<>();
    private final CsvFields csv = new CsvFields();

    public EventLineParser(CsvHeader header, EventFileFormat format) {
        header.requireColumns(format);
        this.format = format;
        this.expectedFields = header.size();
        this.eventIdAt = header.indexOf(EVENT_ID);
        List<String> features = HiggsEventSchema.features();
        this.featureNames = features.toArray(new String[0]);
        this.featureAt = new int[features.size()];
        for (int i = 0; i < featureAt.length; i++) {
            featureAt[i] = header.indexOf(featureNames[i]);
        }
        this.jetCountSlot = features.indexOf(JET_COUNT);
        this.labelAt = header.indexOf(SOURCE_LABEL);
        this.weightAt = header.indexOf(SOURCE_WEIGHT);
        this.kaggleWeightAt = header.indexOf(SOURCE_KAGGLE_WEIGHT);
        this.kaggleSetAt = header.indexOf(KAGGLE_SET);
    }

    /** The Parquet schema of the rows this parser produces. */
    public StructType schema() {
        return HiggsEventSchema.parquetSchema(format.labelled(), format.hasKaggleSet());
    }

    /** Parses one data line into row values in {@link #schema()} order. */
    public Object[] parse(String line) throws BadRowException {
        csv.split(line, fields);
        if (fields.size() != expectedFields) {
            throw new BadRowException(null, "expected " + expectedFields + " fields, found " + fields.size());
        }
        int n = 1 + featureAt.length + (format.labelled() ? 3 : 0) + (format.hasKaggleSet() ? 1 : 0);
        Object[] values = new Object[n];
        int k = 0;
        values[k++] = parseEventId(fields.get(eventIdAt));
        for (int i = 0; i < featureAt.length; i++) {
            double v = parseFinite(fields.get(featureAt[i]), featureNames[i]);
            if (i == jetCountSlot && (v != Math.rint(v) || v < 0 || v > MAX_JET_COUNT)) {
                throw new BadRowException(
                        JET_COUNT,
                        "jet count must be an integer from 0 to " + MAX_JET_COUNT + ", found '"
                                + fields.get(featureAt[i]).trim() + "'");
            }
            if (v == MISSING_VALUE) {
                if (!HiggsEventSchema.mayBeMissing(featureNames[i])) {
                    throw new BadRowException(
                            featureNames[i],
                            featureNames[i] + " is never missing in HiggsML data, found "
                                    + fields.get(featureAt[i]).trim());
                }
                values[k++] = null;
                continue;
            }
            String impossible = FeatureRanges.check(featureNames[i], v);
            if (impossible != null) {
                throw new BadRowException(featureNames[i], impossible);
            }
            values[k++] = v;
        }
        if (format.labelled()) {
            double weight = positive(parseFinite(fields.get(weightAt), SOURCE_WEIGHT), SOURCE_WEIGHT);
            double trainingWeight = kaggleWeightAt >= 0
                    ? positive(parseFinite(fields.get(kaggleWeightAt), SOURCE_KAGGLE_WEIGHT), SOURCE_KAGGLE_WEIGHT)
                    : weight;
            values[k++] = parseLabel(fields.get(labelAt));
            values[k++] = trainingWeight;
            values[k++] = weight;
        }
        if (format.hasKaggleSet()) {
            String set = fields.get(kaggleSetAt).trim();
            if (!KAGGLE_SETS.contains(set)) {
                throw new BadRowException(KAGGLE_SET, "KaggleSet must be one of t, b, v, u, found '" + set + "'");
            }
            values[k++] = set;
        }
        return values;
    }

    private static long parseEventId(String text) throws BadRowException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRowException(EVENT_ID, "not an integer event id: '" + abbreviate(text) + "'");
        }
    }

    private static double parseFinite(String text, String column) throws BadRowException {
        String t = text.trim();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new BadRowException(column, t.isEmpty() ? "empty value" : "not a number: '" + abbreviate(t) + "'");
        }
        if (!Double.isFinite(v)) {
            throw new BadRowException(
                    column, "not a finite number: '" + abbreviate(t) + "' (missing values are -999.0)");
        }
        return v;
    }

    /** HiggsML event weights are positive: a zero or negative one is a corrupt line, not an event to train on. */
    private static double positive(double w, String column) throws BadRowException {
        if (!(w > 0)) {
            throw new BadRowException(column, column + " must be positive, found " + w);
        }
        return w;
    }

    private static double parseLabel(String text) throws BadRowException {
        String t = text.trim();
        if (t.equals("s")) {
            return 1.0;
        }
        if (t.equals("b")) {
            return 0.0;
        }
        throw new BadRowException(SOURCE_LABEL, "Label must be 's' or 'b', found '" + abbreviate(t) + "'");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
