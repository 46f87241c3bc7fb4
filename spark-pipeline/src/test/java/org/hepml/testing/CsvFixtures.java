package org.hepml.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.hepml.event.HiggsEventSchema;

/** Small HiggsML CSV files that tests write for themselves, in each of the three layouts. */
public final class CsvFixtures {
    private CsvFixtures() {}

    /** Header of the CERN Open Data file (35 columns). */
    public static List<String> cernHeader() {
        List<String> h = new ArrayList<>();
        h.add("EventId");
        h.addAll(HiggsEventSchema.features());
        h.addAll(List.of("Weight", "Label", "KaggleSet", "KaggleWeight"));
        return h;
    }

    /** Header of Kaggle training.csv (33 columns). */
    public static List<String> kaggleTrainHeader() {
        List<String> h = new ArrayList<>();
        h.add("EventId");
        h.addAll(HiggsEventSchema.features());
        h.addAll(List.of("Weight", "Label"));
        return h;
    }

    /** Header of Kaggle test.csv (31 columns). */
    public static List<String> kaggleTestHeader() {
        List<String> h = new ArrayList<>();
        h.add("EventId");
        h.addAll(HiggsEventSchema.features());
        return h;
    }

    /**
     * The 30 feature values of a synthetic event i, as text: feature j is {@link #featureValue}, except the jet
     * count (i mod 4), and -999.0 for the subleading jet when i mod 4 is below 2.
     */
    public static List<String> features(int i) {
        List<String> v = new ArrayList<>();
        List<String> names = HiggsEventSchema.features();
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            if (n.equals(HiggsEventSchema.JET_COUNT)) {
                v.add(Integer.toString(i % 4));
            } else if (n.startsWith("PRI_jet_subleading") && i % 4 < 2) {
                v.add("-999.0");
            } else {
                v.add(featureValue(i, j));
            }
        }
        return v;
    }

    /**
     * The value {@link #features} writes for feature j of event i (where not the jet count or missing): (i mod 100 +
     * j / 100) / 100, in [0, 1), so within every feature's physical range.
     */
    public static String featureValue(int i, int j) {
        return ((i % 100) + j / 100.0) / 100 + "";
    }

    /** A CERN-format line: Weight = 0.5 + i, Label s for even i, KaggleSet t, KaggleWeight = 2 + i. */
    public static String cernLine(int i) {
        List<String> v = new ArrayList<>();
        v.add(Integer.toString(100000 + i));
        v.addAll(features(i));
        v.addAll(List.of((0.5 + i) + "", i % 2 == 0 ? "s" : "b", "t", (2.0 + i) + ""));
        return String.join(",", v);
    }

    public static String kaggleTrainLine(int i) {
        List<String> v = new ArrayList<>();
        v.add(Integer.toString(100000 + i));
        v.addAll(features(i));
        v.addAll(List.of((0.5 + i) + "", i % 2 == 0 ? "s" : "b"));
        return String.join(",", v);
    }

    public static String kaggleTestLine(int i) {
        List<String> v = new ArrayList<>();
        v.add(Integer.toString(100000 + i));
        v.addAll(features(i));
        return String.join(",", v);
    }

    /** Writes header and lines to a file, gzip-compressed when the name ends in .gz. */
    public static Path write(Path file, List<String> header, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }
}
