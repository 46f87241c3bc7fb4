package org.hepml.estimators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.hepml.random.EventRandom;

/**
 * What a model records about how it was made, beside its params (which Spark's metadata holds): the seed, the
 * training mode, the training rows and weight sums per class, a fingerprint of the training data as the
 * members saw it (EventIds, labels, weights, jet counts and scaled features, in EventId order), and the versions of
 * this library, DL4J, Spark and Java. Same fingerprint, seed and params: the same members, bit for bit.
 */
final class Provenance {
  private Provenance() {}

  static Map<String, Object> of(TrainingRows rows, long seed, String trainingMode, String sparkVersion) {
    long signal = 0;
    double signalWeight = 0;
    double backgroundWeight = 0;
    for (int i = 0; i < rows.y.length; i++) {
      if (rows.y[i] == 1f) {
        signal++;
        signalWeight += rows.w[i];
      } else {
        backgroundWeight += rows.w[i];
      }
    }
    Properties build = build();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("seed", seed);
    p.put("trainingMode", trainingMode);
    p.put("trainingRows", rows.y.length);
    p.put("signalRows", signal);
    p.put("backgroundRows", rows.y.length - signal);
    p.put("signalWeightSum", signalWeight);
    p.put("backgroundWeightSum", backgroundWeight);
    p.put("trainingDataFingerprint", String.format("%016x", fingerprint(rows)));
    p.put("hepmlVersion", build.getProperty("hepml.version", "unknown"));
    p.put("dl4jVersion", build.getProperty("dl4j.version", "unknown"));
    p.put("sparkVersion", sparkVersion);
    p.put("javaVersion", System.getProperty("java.version"));
    return p;
  }

  /** A 64-bit hash of the training data in EventId order (SplitMix64 chained over every value's bits). */
  static long fingerprint(TrainingRows rows) {
    long h = rows.features;
    for (int i = 0; i < rows.y.length; i++) {
      h = EventRandom.mix64(h ^ rows.ids[i]);
      h = EventRandom.mix64(h ^ Float.floatToIntBits(rows.y[i]));
      h = EventRandom.mix64(h ^ Float.floatToIntBits(rows.w[i]));
      if (rows.jets != null) {
        h = EventRandom.mix64(h ^ Float.floatToIntBits(rows.jets[i]));
      }
      int base = i * rows.features;
      for (int k = 0; k < rows.features; k++) {
        h = EventRandom.mix64(h ^ Float.floatToIntBits(rows.x[base + k]));
      }
    }
    return h;
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
