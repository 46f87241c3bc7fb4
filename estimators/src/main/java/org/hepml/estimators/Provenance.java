package org.hepml.estimators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a model records about how it was made, beside its params (which Spark's metadata holds): the seed, the
 * training mode, the training rows and weight sums per class, a fingerprint of the training data (see
 * {@link TrainingSummary}), and the versions of this library, DL4J, Spark and Java. In the members mode, the same
 * fingerprint, seed and params give the same members, bit for bit.
 */
final class Provenance {
    private Provenance() {}

    static Map<String, Object> of(
            TrainingSummary summary,
            long seed,
            String trainingMode,
            String sparkVersion,
            java.util.List<Integer> resumedMembers,
            Map<String, Object> settings) {
        Properties build = build();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("seed", seed);
        p.put("trainingMode", trainingMode);
        p.put("settings", settings);
        p.put("resumedMembers", resumedMembers);
        p.put("trainingRows", summary.rows);
        p.put("signalRows", summary.signalRows);
        p.put("backgroundRows", summary.rows - summary.signalRows);
        p.put("signalWeightSum", summary.signalWeight);
        p.put("backgroundWeightSum", summary.backgroundWeight);
        p.put("trainingDataFingerprint", String.format("%016x", summary.fingerprint));
        p.put("hepmlVersion", build.getProperty("hepml.version", "unknown"));
        p.put("dl4jVersion", build.getProperty("dl4j.version", "unknown"));
        p.put("sparkVersion", sparkVersion);
        p.put("javaVersion", System.getProperty("java.version"));
        return p;
    }

    /** This library's version, from the build. */
    static String libraryVersion() {
        return build().getProperty("hepml.version", "unknown");
    }

    static Properties build() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
