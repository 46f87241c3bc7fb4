package org.hepml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.evaluation.Evaluator;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

/** Spark Connect finds ML stages through ServiceLoader: every stage is registered and has a public no-arg constructor. */
class ServiceRegistrationTest {
  private static <T> Set<String> hepml(Class<T> type) {
    Set<String> names = new TreeSet<>();
    // instantiating each provider proves its public no-argument constructor
    ServiceLoader.load(type).forEach(s -> {
      if (s.getClass().getName().startsWith("org.hepml.")) {
        names.add(s.getClass().getSimpleName());
      }
    });
    return names;
  }

  @Test
  void everyStageIsRegistered() {
    assertEquals(Set.of("AugmentationAverage", "AzimuthalRotation", "CartesianMomenta", "EventOrientation",
        "TestTimeAugmentation", "TransverseFlip", "ZFlip"), hepml(Transformer.class));
    assertEquals(Set.of("DnnEnsembleClassifier"), hepml(Estimator.class));
    assertEquals(Set.of("DnnEnsembleModel"), hepml(Model.class));
    assertEquals(Set.of("AmsEvaluator", "BootstrapAmsEvaluator"), hepml(Evaluator.class));
  }

  @Test
  void anEmptyModelSaysWhatIsMissing() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new DnnEnsembleModel().transform(SparkTestSession.get().range(1).toDF()));
    assertTrue(e.getMessage().contains("has no trained members"), e.getMessage());
  }
}
