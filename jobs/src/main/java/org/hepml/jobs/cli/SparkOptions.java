package org.hepml.jobs.cli;

import picocli.CommandLine.Option;

/** Options every job takes: where Spark runs and how much it says. */
public final class SparkOptions {
    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master (default: the one spark-submit gives, else local[*]).")
    String master;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show Spark's INFO logs and full stack traces on errors.")
    boolean verbose;

    public String master() {
        return master;
    }

    /**
     * Whether the tasks will run in this JVM: --master, else the master spark-submit gave (its spark.master system
     * property), else the default local[*], is a local one.
     */
    public boolean local() {
        String m = master != null ? master : System.getProperty("spark.master", "local[*]");
        return m.startsWith("local");
    }

    public boolean verbose() {
        return verbose;
    }
}
