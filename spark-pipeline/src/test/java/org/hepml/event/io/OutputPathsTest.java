package org.hepml.event.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {
    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void writeFile(String dir, String name, String text) throws IOException {
        Files.createDirectories(Path.of(dir));
        Files.writeString(Path.of(dir, name), text);
    }

    @Test
    void commitMovesACompleteOutputIntoPlace() throws Exception {
        String out = tmp.resolve("scores").toString();
        OutputPaths.commit(new Configuration(), out, false, dir -> {
            assertTrue(Path.of(dir).getFileName().toString().startsWith(".scores" + OutputPaths.INCOMPLETE), dir);
            assertFalse(Files.exists(Path.of(out)), "nothing at the output while writing");
            writeFile(dir, "part-0", "a");
        });
        assertEquals(List.of("scores"), names());
        assertEquals("a", Files.readString(tmp.resolve("scores/part-0")));
    }

    @Test
    void aFailedWriteLeavesNothingAndKeepsTheOldOutput() throws Exception {
        String out = tmp.resolve("scores").toString();
        writeFile(out, "part-0", "old");
        RuntimeException boom = assertThrows(
                RuntimeException.class,
                () -> OutputPaths.commit(new Configuration(), out, true, dir -> {
                    writeFile(dir, "part-0", "half");
                    throw new RuntimeException("killed midway");
                }));
        assertEquals("killed midway", boom.getMessage());
        assertEquals(List.of("scores"), names(), "the temporary sibling is gone");
        assertEquals("old", Files.readString(tmp.resolve("scores/part-0")));
        EventInputException exists = assertThrows(
                EventInputException.class,
                () -> OutputPaths.commit(new Configuration(), out, false, dir -> writeFile(dir, "part-0", "new")));
        assertTrue(exists.getMessage().contains("output already exists: " + out), exists.getMessage());
        assertEquals("old", Files.readString(tmp.resolve("scores/part-0")));
        OutputPaths.commit(new Configuration(), out, true, dir -> writeFile(dir, "part-0", "new"));
        assertEquals("new", Files.readString(tmp.resolve("scores/part-0")));
        assertEquals(List.of("scores"), names());
    }

    /** What a killed Spark write leaves behind (_temporary, no _SUCCESS) is refused as input, by name. */
    @Test
    void anIncompleteSparkOutputIsRefusedAsInput() throws Exception {
        Path dir = tmp.resolve("half");
        Files.createDirectories(dir.resolve("_temporary/0"));
        Files.writeString(dir.resolve("part-00000.parquet"), "x");
        EventInputException e = assertThrows(
                EventInputException.class, () -> EventParquet.read(SparkTestSession.get(), dir.toString()));
        assertTrue(
                e.getMessage().contains(dir + ": an incomplete Spark output (a _temporary directory and no _SUCCESS"),
                e.getMessage());
    }
}
