package org.hepml.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Leaves Spark's whole-stage generated {@code processNext} methods to HotSpot's C1 compiler in a short local job, by
 * adding the compiler directive {@code jit-directives.json} (C2 excluded for those methods) through the JVM's
 * diagnostic command, as {@code jcmd PID Compiler.directives_add} would: no JVM flag, nothing printed.
 *
 * <p>Why, measured on the 2-core machine kind with JFR's compilation events: in {@code hepml score} of 550,000 events
 * without TTA, C2 spent 1.0–1.4 s compiling the scoring plan's input stage (a method of 3,262 bytecodes that became
 * 275 kB of machine code), on a core the tasks needed, and compiled it again once the end of the first tasks had
 * deoptimised it. C1 compiles it in about 0.1 s. Job time 6.8–7.3 s with the directive against 7.8–8.7 s without
 * (alternating runs). In a warm JVM that has scored the file four times, either way takes 3.9–4.5 s: the network is
 * the hot code there, not the row copying the generated code does.
 *
 * <p>Only for a local master, where the tasks run in this JVM; executors of a cluster are long-lived, where C2's
 * work pays off. {@code -Dhepml.noJitDirectives=true} turns it off.
 */
public final class JitDirectives {
    static final String RESOURCE = "jit-directives.json";
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static boolean added;

    private JitDirectives() {}

    /**
     * Adds the directives once per JVM. Returns what the JVM answered ("1 compiler directives added"), or why it
     * could not (a JVM without HotSpot's diagnostic commands): scoring is the same without them, only slower to start.
     */
    public static synchronized String addOnce() {
        if (added) {
            return "already added";
        }
        try {
            Path file = Files.createTempFile("hepml-jit-directives", ".json");
            try (InputStream in = JitDirectives.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    return "no " + RESOURCE + " on the classpath";
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                String answer = String.valueOf(command("compilerDirectivesAdd", file.toString()))
                        .trim();
                added = answer.contains("added");
                return answer;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | JMException | RuntimeException e) {
            return "not added: " + e;
        }
    }

    /** The JVM's current compiler directives, as {@code jcmd PID Compiler.directives_print} prints them. */
    static String print() throws JMException {
        return String.valueOf(command("compilerDirectivesPrint"));
    }

    private static Object command(String name, String... args) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.invoke(
                new ObjectName(DIAGNOSTIC_COMMAND), name, new Object[] {args.length == 0 ? null : args}, new String[] {
                    String[].class.getName()
                });
    }
}
