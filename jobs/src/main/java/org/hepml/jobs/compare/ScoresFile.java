package org.hepml.jobs.compare;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Every method's out-of-fold score of every event, one row per event ({@code EventId,fold,label,weight,<method>...}),
 * gzipped CSV: what a paired analysis beyond the table needs. Written to a temporary file, then moved into place.
 */
public final class ScoresFile {
    private ScoresFile() {}

    public static void write(Path file, CrossValidation.Result cv) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        double[][] first = cv.pooled().values().iterator().next();
        try (BufferedWriter w = new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)), StandardCharsets.UTF_8))) {
            w.write("EventId,fold,label,weight");
            for (String m : cv.pooled().keySet()) {
                w.write(',');
                w.write(m);
            }
            w.newLine();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cv.ids().length; i++) {
                sb.setLength(0);
                sb.append(cv.ids()[i])
                        .append(',')
                        .append(cv.fold()[i])
                        .append(',')
                        .append((int) first[1][i])
                        .append(',')
                        .append(first[2][i]);
                for (double[][] p : cv.pooled().values()) {
                    sb.append(',').append(p[0][i]);
                }
                w.write(sb.toString());
                w.newLine();
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
