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

    public boolean verbose() {
        return verbose;
    }
}
