package org.hepml.jobs;

import java.util.concurrent.Callable;

/**
 * A {@code hepml benchmark} subcommand from another module, found with ServiceLoader: how benchmarks whose libraries
 * the core must not ship (ONNX Runtime, in module {@code peers/}) join the command line. Annotate it with picocli's
 * {@code @Command}.
 */
public interface BenchmarkCommand extends Callable<Integer> {}
