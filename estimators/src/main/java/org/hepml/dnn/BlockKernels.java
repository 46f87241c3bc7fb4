package org.hepml.dnn;

import java.util.Locale;

/**
 * Which {@link BlockKernel} this JVM scores with: the Vector API one where the JVM was started with
 * {@code --add-modules=jdk.incubator.vector} ({@code bin/hepml} does; on a cluster add it to
 * {@code spark.executor.extraJavaOptions} and {@code spark.driver.extraJavaOptions}), otherwise the scalar one.
 * Both give the same scores bit for bit, so executors with and without the flag may mix. The system property
 * {@code hepml.kernel=scalar} forces the scalar one (for comparisons).
 */
final class BlockKernels {
    private BlockKernels() {}

    static final BlockKernel SCALAR = new ScalarBlockKernel();

    static final BlockKernel DEFAULT = choose();

    private static BlockKernel choose() {
        String asked = System.getProperty("hepml.kernel", "").toLowerCase(Locale.ROOT);
        if (asked.equals("scalar")
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return SCALAR;
        }
        BlockKernel vector = vector();
        return vector == null ? SCALAR : vector;
    }

    /** The Vector API kernel, or null where the module is not loaded or its species does not tile a block. */
    static BlockKernel vector() {
        try {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                    || !VectorBlockKernel.fits(InferenceNetwork.BLOCK)) {
                return null;
            }
            return new VectorBlockKernel();
        } catch (LinkageError e) {
            return null;
        }
    }
}
