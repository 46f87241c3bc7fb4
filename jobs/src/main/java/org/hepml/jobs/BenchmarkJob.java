package org.hepml.jobs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hepml benchmark}: measurements printed as tables (never timed assertions in tests). */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    header = "Benchmarks that print tables: 'augment' (symmetry transformers vs Parquet I/O), 'ams' (bootstrap).",
    subcommands = {AugmentBenchmark.class, AmsBenchmark.class})
public final class BenchmarkJob implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
