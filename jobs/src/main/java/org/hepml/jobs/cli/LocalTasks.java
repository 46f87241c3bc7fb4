package org.hepml.jobs.cli;

import java.io.PrintWriter;
import org.hepml.estimators.KernelWarmUp;

/**
 * What a scoring command does when its tasks run in its own JVM (a local master), before Spark starts: Spark's
 * generated code to C1 ({@link JitDirectives}; {@code -Dhepml.noJitDirectives=true} turns it off) and the scoring
 * kernel compiled while Spark starts and the model loads ({@link KernelWarmUp}; {@code -Dhepml.noWarmUp=true}).
 */
public final class LocalTasks {
    private static final long WARM_UP_BUDGET_MILLIS = 5000;

    private LocalTasks() {}

    /**
     * Does both where {@code options} name a local master, in a daemon thread (starting the JVM's diagnostic commands
     * takes about 0.3 s, which Spark's start need not wait for: C2 reaches Spark's generated code seconds later);
     * with --verbose says what the JVM answered.
     */
    public static void prepareScoring(SparkOptions options, PrintWriter err) {
        if (!options.local()) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    if (!Boolean.getBoolean("hepml.noJitDirectives")) {
                        String answer = JitDirectives.addOnce();
                        if (options.verbose()) {
                            err.println("hepml: compiler directives: " + answer);
                        }
                    }
                    if (!Boolean.getBoolean("hepml.noWarmUp")) {
                        KernelWarmUp.start(WARM_UP_BUDGET_MILLIS);
                    }
                },
                "hepml-local-tasks");
        t.setDaemon(true);
        t.start();
    }
}
