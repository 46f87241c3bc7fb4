package org.hepml.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.event.HiggsEventSchema;

/**
 * The HiggsML challenge's submission file: {@code EventId,RankOrder,Class}, RankOrder a permutation of 1..N with N
 * the most signal-like event (ties broken by EventId), Class {@code s} where the score is at or above the cut, else
 * {@code b}. Streamed from the scores in rank order, so the driver holds one partition at a time.
 */
final class KaggleSubmission {
    private KaggleSubmission() {}

    /** Writes the file; returns {events, signal-classified}. */
    static long[] write(Dataset<Row> scored, double cut, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        long n = 0;
        long signal = 0;
        Iterator<Row> it = scored.select(col(HiggsEventSchema.EVENT_ID), col("score"))
                .orderBy(col("score").asc(), col(HiggsEventSchema.EVENT_ID).asc())
                .toLocalIterator();
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("EventId,RankOrder,Class\n");
            while (it.hasNext()) {
                Row r = it.next();
                n++;
                boolean s = ((Number) r.get(1)).doubleValue() >= cut;
                signal += s ? 1 : 0;
                w.write(((Number) r.get(0)).longValue() + "," + n + "," + (s ? "s" : "b") + "\n");
            }
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new long[] {n, signal};
    }
}
