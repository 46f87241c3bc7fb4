package org.hepml.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** One line that says what a benchmark ran on: CPU model, cores, memory, Java, Spark master. */
public final class Hardware {
    private Hardware() {}

    public static String describe(String master) {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown CPU"
        }
        long totalGiB = -1;
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            totalGiB = lines.filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return String.format(
                "%s, %d cores, %s RAM, JVM heap %d MiB, Java %s, Spark %s",
                cpu,
                Runtime.getRuntime().availableProcessors(),
                totalGiB < 0 ? "?" : totalGiB + " GiB",
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"),
                master);
    }
}
