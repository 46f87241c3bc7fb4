package org.hepml.jobs;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.hepml.jobs.cli.Errors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hepml SUBCOMMAND [options]}: the command line of hepml-spark. Every subcommand is also a main class
 * for {@code spark-submit --class org.hepml.jobs.IngestJob ...}. Exit codes: 0 success, 1 error, 2 usage error.
 */
@Command(
        name = "hepml",
        mixinStandardHelpOptions = true,
        versionProvider = Hepml.Version.class,
        description = "Collider-event classification on Spark: HiggsML events, detector-symmetry augmentation, "
                + "DNN ensembles, AMS.",
        subcommands = {
            IngestJob.class,
            GenerateJob.class,
            InspectJob.class,
            AugmentJob.class,
            TrainJob.class,
            ScoreJob.class,
            EvaluateJob.class,
            LrFindJob.class,
            DemoJob.class,
            CompareScoresJob.class,
            ExportJob.class,
            BenchmarkJob.class,
            CommandLine.HelpCommand.class
        },
        commandListHeading = "%nCommands:%n")
public final class Hepml implements Callable<Integer> {
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), new Hepml(), args));
    }

    @Spec
    CommandSpec spec;

    /** {@code hepml} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Runs a command (the dispatcher or one job) with the project's error handling; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        CommandLine benchmark = cl.getSubcommands().get("benchmark");
        if (benchmark != null) {
            java.util.ServiceLoader.load(BenchmarkCommand.class).forEach(benchmark::addSubcommand);
        }
        cl.setOut(out);
        cl.setErr(err);
        List<String> argList = Arrays.asList(args);
        boolean verbose = argList.contains("--verbose") || argList.contains("-v");
        cl.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            err.println(fullName(failed) + ": error: " + Errors.describe(ex));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String fullName(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.startsWith("hepml") ? name : "hepml " + name;
    }

    /** The project version (from the jar manifest when packaged), and the Spark, Scala and Java it runs on. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Hepml.class.getPackage().getImplementationVersion();
            return new String[] {
                "hepml-spark " + (v == null ? "(development build)" : v),
                "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Scala "
                        + scala.util.Properties$.MODULE$.versionNumberString() + ", Java "
                        + System.getProperty("java.version")
            };
        }
    }
}
