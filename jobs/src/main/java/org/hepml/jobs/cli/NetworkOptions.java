package org.hepml.jobs.cli;

import org.hepml.estimators.DnnEnsembleClassifier;
import picocli.CommandLine.Option;

/** The network options that train and lr-find share, with the reference study's defaults. */
public final class NetworkOptions {
    @Option(names = "--width", defaultValue = "33", description = "Units per layer (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--depth", defaultValue = "6", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(
            names = "--activation",
            defaultValue = "swish",
            description = "swish, relu or selu (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--batch-size", defaultValue = "256", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** A classifier with these options set. */
    public DnnEnsembleClassifier classifier() {
        return new DnnEnsembleClassifier()
                .setWidth(width)
                .setDepth(depth)
                .setActivation(activation)
                .setBatchSize(batchSize)
                .setSeed(seed);
    }

    public long seed() {
        return seed;
    }
}
