package org.hepml.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real HiggsML sample in {@code ../shared/data/higgsml/} beside the clone (never copied into the repository).
 * Tests that need it call {@link #higgsSample()}, which skips them, with the reason, where it is absent.
 */
public final class SharedData {
    public static final String SAMPLE_FILE = "atlas-higgs-2014-v2-first17k.csv.gz";
    public static final long SAMPLE_EVENTS = 17_000;
    public static final long SAMPLE_SIGNAL = 5_794;

    private SharedData() {}

    /** Path of the shared real sample; skips the calling test when it is absent. */
    public static Path higgsSample() {
        String dir =
                System.getProperty("hepml.shared.dir", System.getenv().getOrDefault("HEPML_SHARED", "../../shared"));
        Path p = Path.of(dir, "data", "higgsml", SAMPLE_FILE).toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(p), "shared HiggsML sample absent at " + p + ": test skipped");
        return p;
    }
}
