package org.hepml.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.hepml.ams.BootstrapResult;
import org.hepml.generate.GeneratedEvents;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the notebooks honest: the Java example they mirror runs, and every hepml class and method the notebooks
 * call exists under that name.
 */
class QuickStartTest {
    private static final Path EXAMPLES =
            Path.of(System.getProperty("user.dir")).getParent().resolve("examples");

    @TempDir
    Path tmp;

    @Test
    void theExampleRunsOnGeneratedEvents() throws IOException {
        SparkSession spark = SparkTestSession.get();
        String events = tmp.resolve("events").toString();
        GeneratedEvents.generate(spark, 6000, 3, 2).write().parquet(events);
        QuickStart.Result r = QuickStart.run(spark, events, tmp.resolve("model").toString(), 2, 4);
        assertTrue(r.heldOut() > 1200 && r.heldOut() < 1800, "about a quarter held out: " + r.heldOut());
        assertTrue(r.auc() > 0.8, "AUC " + r.auc());
        assertTrue(r.amsAtMeanCut() > 0 && r.meanCut() > 0 && r.meanCut() < 1, r.toString());
        assertTrue(Files.isDirectory(tmp.resolve("model").resolve("stages")));
    }

    /** The notebooks' code, with Zeppelin's JSON string escapes undone. */
    private static List<String> notebooks() throws IOException {
        return List.of(
                Files.readString(EXAMPLES.resolve("databricks").resolve("hepml_quickstart.scala")),
                Files.readString(EXAMPLES.resolve("zeppelin").resolve("hepml-quickstart.zpln"))
                        .replace("\\n", "\n")
                        .replace("\\\"", "\""));
    }

    private static boolean hasMethod(List<Class<?>> classes, String name) {
        return classes.stream()
                .flatMap(c -> Arrays.stream(c.getMethods()))
                .map(Method::getName)
                .anyMatch(name::equals);
    }

    @Test
    void notebooksCallOnlyWhatExists() throws Exception {
        for (String nb : notebooks()) {
            List<Class<?>> classes = new ArrayList<>();
            Matcher m = Pattern.compile(
                            "import (org\\.hepml\\.[\\w.]+)\\.\\{([\\w, ]+)\\}|import (org\\.hepml\\.[\\w.]+)")
                    .matcher(nb);
            while (m.find()) {
                if (m.group(1) != null) {
                    for (String name : m.group(2).split(",")) {
                        classes.add(
                                Class.forName(m.group(1) + "." + name.trim())); // fails if a class is gone or renamed
                    }
                } else {
                    classes.add(Class.forName(m.group(3)));
                }
            }
            assertFalse(classes.isEmpty(), "the notebook imports hepml classes");
            assertTrue(
                    nb.contains("ReferencePipeline.build(dnn, false)") && nb.contains("new DnnEnsembleClassifier()"));
            // what the notebook calls on them and the results they return
            classes.add(BootstrapResult.class);
            Matcher call = Pattern.compile("\\.(set\\w+|build|bootstrap|amsAtMeanCut|meanCut|curve|auc)\\b")
                    .matcher(nb);
            int calls = 0;
            while (call.find()) {
                assertTrue(
                        hasMethod(classes, call.group(1)),
                        "the notebook calls ." + call.group(1) + " which no class has");
                calls++;
            }
            assertTrue(calls >= 8, "calls checked: " + calls);
        }
    }
}
