package org.hepml.event;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a physicist checks before training: the number of events, events and weight sums per label and per
 * KaggleSet, and null (missing) counts per column. Two small aggregation jobs over the data.
 */
public record EventSummary(long events, List<Group> byLabel, List<Group> byKaggleSet, Map<String, Long> nullCounts) {

    /** Events and weight sum of one group; the weight sum is NaN when the data have no weight column. */
    public record Group(String key, long events, double weightSum) {}

    public static EventSummary of(Dataset<Row> events) {
        List<String> columns = Arrays.asList(events.columns());
        List<Column> nullAggs = new ArrayList<>();
        nullAggs.add(count(lit(1)));
        for (String c : columns) {
            nullAggs.add(sum(when(col(c).isNull(), 1L).otherwise(0L)));
        }
        Row r = events.agg(nullAggs.get(0), nullAggs.subList(1, nullAggs.size()).toArray(new Column[0]))
                .first();
        long n = r.getLong(0);
        Map<String, Long> nulls = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            nulls.put(columns.get(i), r.isNullAt(i + 1) ? 0L : r.getLong(i + 1));
        }
        boolean weighted = columns.contains(HiggsEventSchema.WEIGHT);
        List<Group> byLabel = columns.contains(HiggsEventSchema.LABEL)
                ? groups(events, col(HiggsEventSchema.LABEL).cast("string"), weighted)
                : List.of();
        List<Group> bySet = columns.contains(HiggsEventSchema.KAGGLE_SET)
                ? groups(events, col(HiggsEventSchema.KAGGLE_SET), weighted)
                : List.of();
        return new EventSummary(n, relabel(byLabel), bySet, nulls);
    }

    private static List<Group> groups(Dataset<Row> events, Column key, boolean weighted) {
        Column w = weighted ? sum(col(HiggsEventSchema.WEIGHT)) : lit(Double.NaN);
        List<Group> out = new ArrayList<>();
        for (Row g : events.groupBy(key.as("key"))
                .agg(count(lit(1)), w)
                .orderBy("key")
                .collectAsList()) {
            out.add(new Group(
                    g.isNullAt(0) ? "null" : g.getString(0),
                    g.getLong(1),
                    g.isNullAt(2) ? Double.NaN : g.getDouble(2)));
        }
        return out;
    }

    /** label 1.0 / 0.0 read as the physics calls them. */
    private static List<Group> relabel(List<Group> byLabel) {
        List<Group> out = new ArrayList<>();
        for (Group g : byLabel) {
            String name = g.key().equals("1.0") ? "signal (1.0)" : g.key().equals("0.0") ? "background (0.0)" : g.key();
            out.add(new Group(name, g.events(), g.weightSum()));
        }
        return out;
    }
}
