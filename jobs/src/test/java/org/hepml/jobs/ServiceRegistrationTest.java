package org.hepml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLReader;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

/**
 * Spark Connect's ML support finds stages as it does here: {@code ServiceLoader} types (not instances) of
 * {@code Estimator}, {@code Transformer} (models included: Spark reads no Model file) and {@code Evaluator}; it
 * creates each with its {@code (String uid)} constructor, sets params it reconciles by the param's type, and loads
 * saved stages with the static {@code load(String)} or {@code read()}.
 */
class ServiceRegistrationTest {
    private static Set<Class<?>> hepml(Class<?> type) {
        Set<Class<?>> found = new java.util.LinkedHashSet<>();
        ServiceLoader.load(type).stream()
                .map(ServiceLoader.Provider::type)
                .filter(c -> c.getName().startsWith("org.hepml."))
                .forEach(found::add);
        return found;
    }

    private static Set<String> names(Set<Class<?>> classes) {
        Set<String> n = new TreeSet<>();
        classes.forEach(c -> n.add(c.getSimpleName()));
        return n;
    }

    @Test
    void everyStageIsRegisteredWhereSparkConnectLooks() {
        assertEquals(
                Set.of(
                        "AugmentationAverage",
                        "AzimuthalRotation",
                        "CartesianMomenta",
                        "DnnEnsembleModel",
                        "EventOrientation",
                        "TestTimeAugmentation",
                        "TransverseFlip",
                        "ZFlip"),
                names(hepml(Transformer.class)));
        assertEquals(Set.of("DnnEnsembleClassifier"), names(hepml(Estimator.class)));
        assertEquals(Set.of("AmsEvaluator", "BootstrapAmsEvaluator"), names(hepml(Evaluator.class)));
        assertTrue(
                hepml(Transformer.class).stream().anyMatch(Model.class::isAssignableFrom), "models are Transformers");
        assertEquals(
                null,
                Thread.currentThread()
                        .getContextClassLoader()
                        .getResource("META-INF/services/org.apache.spark.ml.Model"),
                "Spark reads no Model service file");
    }

    /** What the server calls: the constructors, the static read and load, and params it can set from a literal. */
    @Test
    void everyStageCanBeMadeLoadedAndParametrisedRemotely() throws Exception {
        for (Class<?> type : List.of(Transformer.class, Estimator.class, Evaluator.class)) {
            for (Class<?> c : hepml(type)) {
                Params byUid = (Params) c.getConstructor(String.class).newInstance("remote_uid");
                assertEquals("remote_uid", byUid.uid(), c.getName());
                assertNotNull(c.getConstructor().newInstance(), c.getName());
                Method load = c.getMethod("load", String.class);
                Method read = c.getMethod("read");
                assertTrue(
                        Modifier.isStatic(load.getModifiers()) && Modifier.isStatic(read.getModifiers()), c.getName());
                assertTrue(MLReader.class.isAssignableFrom(read.getReturnType()), c.getName());
                for (Param<?> p : byUid.params()) {
                    boolean typed = p instanceof IntParam
                            || p instanceof LongParam
                            || p instanceof DoubleParam
                            || p instanceof FloatParam
                            || p instanceof BooleanParam
                            // array literals: what VectorAssembler's inputCols takes over Connect
                            || p instanceof org.apache.spark.ml.param.StringArrayParam;
                    // a generic Param without a value class takes only String (and Boolean) literals on the server
                    Object value = byUid.getOrDefault(p);
                    assertTrue(
                            typed || value instanceof String,
                            c.getSimpleName() + "." + p.name() + " is a "
                                    + p.getClass().getSimpleName() + " holding "
                                    + (value == null ? null : value.getClass().getSimpleName()));
                    // every default passes its own param's check
                    @SuppressWarnings("unchecked")
                    Param<Object> any = (Param<Object>) p;
                    any.validate(value);
                }
            }
        }
    }

    @Test
    void theModelCountsItsParametersInItsSize() {
        assertEquals(0, new DnnEnsembleModel("empty").estimatedSize());
    }

    @Test
    void anEmptyModelSaysWhatIsMissing() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new DnnEnsembleModel()
                        .transform(SparkTestSession.get().range(1).toDF()));
        assertTrue(e.getMessage().contains("has no trained members"), e.getMessage());
    }
}
