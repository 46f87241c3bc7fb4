package org.hepml.jobs.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.estimators.DnnEnsembleClassifier;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.transformers.TestTimeAugmentation;

/**
 * The methods {@code hepml benchmark} knows, by name. Every DNN method reads the reference pipeline's 30 inputs and
 * the jet-count embedding; they differ in the network and the recipe.
 */
public final class Methods {
    private Methods() {}

    /**
     * Settings every method shares: seed, and overrides for quick runs (0: the method's own): DNN epochs, ensemble
     * members, peers' trees or iterations.
     */
    public record Common(long seed, int epochs, int members, int iterations) {}

    /** A method from a name, a description, how it fits, the key of fits it shares and how it scores. */
    public record Named(
            String name,
            String description,
            Function<Dataset<Row>, Transformer> fit,
            String fitKey,
            UnaryOperator<Transformer> scoring)
            implements Method {
        /** A method that fits on its own and scores with the model as fitted. */
        public Named(String name, String description, Function<Dataset<Row>, Transformer> fit) {
            this(name, description, fit, name, UnaryOperator.identity());
        }

        /**
         * The same fit as {@code base}, scored with K-fold test-time augmentation ({@link
         * TestTimeAugmentation#around}).
         */
        public static Named withTta(String name, String description, Method base, int variants) {
            return new Named(
                    name, description, base::fit, base.fitKey(), m -> TestTimeAugmentation.around(m, variants));
        }

        @Override
        public Transformer fit(Dataset<Row> train) {
            return fit.apply(train);
        }

        @Override
        public Transformer forScoring(Transformer fitted) {
            return scoring.apply(fitted);
        }
    }

    private static Map<String, Function<Common, Method>> registry() {
        Map<String, Function<Common, Method>> m = new LinkedHashMap<>();
        m.put(
                "single-relu",
                c -> dnn(
                        "single-relu",
                        "one 4x100 ReLU network (not dense), no augmentation, no TTA; "
                                + "Adam, 1cycle, 15 epochs, best-validation state",
                        c,
                        new DnnEnsembleClassifier()
                                .setMembers(1)
                                .setWidth(100)
                                .setDepth(4)
                                .setDense(false)
                                .setActivation("relu")
                                .setAugment(false)
                                .setTestTimeAugmentation(1)));
        m.put(
                "ensemble",
                c -> dnn(
                        "ensemble",
                        "the default: 10 x (6x33 dense Swish), augmentation, 1cycle, 15 epochs, " + "32x TTA",
                        c,
                        new DnnEnsembleClassifier()));
        m.put(
                "ensemble-noaug",
                c -> dnn(
                        "ensemble-noaug",
                        "the default ensemble without augmentation or TTA",
                        c,
                        new DnnEnsembleClassifier().setAugment(false).setTestTimeAugmentation(1)));
        m.put(
                "gbt",
                c -> new Named(
                        "gbt",
                        "MLlib GBTClassifier: 120 trees, depth 6, step 0.1, missing as -999, class-balanced "
                                + "event weights",
                        train -> PeerMethods.gbt(train, c)));
        m.put(
                "gbt-tta",
                c -> Named.withTta(
                        "gbt-tta",
                        "the same GBT (one fit shared with gbt), scored with 8x TTA "
                                + "(TestTimeAugmentation + AugmentationAverage)",
                        m.get("gbt").apply(c),
                        8));
        m.put(
                "mlp",
                c -> new Named(
                        "mlp",
                        "MLlib MultilayerPerceptronClassifier 4x100 sigmoid, L-BFGS 200 iterations, "
                                + "mean-imputed, standardised; IGNORES event weights (MLlib has no weight parameter "
                                + "for it)",
                        train -> PeerMethods.mlp(train, c)));
        m.put(
                "mlp-tta",
                c -> Named.withTta(
                        "mlp-tta",
                        "the same MLP (unweighted; one fit shared with mlp), scored with " + "8x TTA",
                        m.get("mlp").apply(c),
                        8));
        java.util.ServiceLoader.load(MethodProvider.class).forEach(p -> m.putAll(p.methods()));
        return m;
    }

    private static Method dnn(String name, String description, Common c, DnnEnsembleClassifier dnn) {
        dnn.setSeed(c.seed());
        if (c.epochs() > 0) {
            dnn.setEpochs(c.epochs());
        }
        if (c.members() > 0 && (Integer) dnn.getOrDefault(dnn.members()) > 1) {
            dnn.setMembers(c.members());
        }
        return new Named(
                name, description, train -> ReferencePipeline.build(dnn, false).fit(train));
    }

    public static List<String> names() {
        return new ArrayList<>(registry().keySet());
    }

    /** The methods of a comma-separated list of names; an unknown name is an error that lists the known ones. */
    public static List<Method> parse(String list, Common common) {
        Map<String, Function<Common, Method>> r = registry();
        List<Method> out = new ArrayList<>();
        for (String n : list.split(",")) {
            String name = n.trim();
            if (!r.containsKey(name)) {
                throw new IllegalArgumentException(
                        "unknown method '" + name + "'; known: " + String.join(", ", r.keySet()));
            }
            out.add(r.get(name).apply(common));
        }
        return out;
    }
}
