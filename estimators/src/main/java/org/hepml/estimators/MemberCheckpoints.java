package org.hepml.estimators;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.hepml.persistence.ModelFileSystem;

/**
 * Finished members kept while an ensemble trains, so a training whose driver died resumes without training them
 * again. Member i is {@code member-i.params} ({@link MemberFile}) and {@code member-i.json} (its validation loss,
 * training log, the parameters' SHA-256 and the training's key), each written under a temporary name and renamed;
 * the JSON comes last, so a member counts as finished only when both are complete. The key is a digest of the
 * training data's fingerprint and every setting that shapes a member: a directory holding another training's
 * members is refused, never mixed in. Written from the executors through Hadoop's FileSystem (on a cluster, the
 * directory must be on a file system they share with the driver, such as HDFS).
 */
final class MemberCheckpoints implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A finished member read back. */
    record Member(float[] params, double validationLoss, double[][] log) {}

    private final String dir;
    private final String key;
    private final HashMap<String, String> conf;

    MemberCheckpoints(String dir, String key, Configuration hadoop) {
        this.dir = dir;
        this.key = key;
        this.conf = new HashMap<>();
        hadoop.forEach(e -> conf.put(e.getKey(), e.getValue()));
    }

    /** The key of a training: its mode, plan, input names and the data's counts and fingerprint. */
    static String key(String mode, TrainingPlan plan, List<String> names, TrainingSummary summary) {
        String text = mode + "|" + plan + "|" + names + "|" + summary.rows + "|" + summary.signalRows + "|"
                + Double.doubleToLongBits(summary.signalWeight) + "|"
                + Double.doubleToLongBits(summary.backgroundWeight) + "|"
                + summary.fingerprint;
        return MemberFile.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    String dir() {
        return dir;
    }

    private FileSystem fs() throws IOException {
        Configuration c = new Configuration(false);
        conf.forEach(c::set);
        return ModelFileSystem.of(new Path(dir), c);
    }

    /** The finished members found, by index; members of another training are an error naming the directory. */
    @SuppressWarnings("unchecked")
    Map<Integer, Member> finished(int members) {
        Map<Integer, Member> out = new LinkedHashMap<>();
        try {
            FileSystem fs = fs();
            for (int i = 0; i < members; i++) {
                Path json = new Path(dir, "member-" + i + ".json");
                if (!fs.exists(json)) {
                    continue;
                }
                Map<String, Object> m;
                try (InputStream in = fs.open(json)) {
                    m = new ObjectMapper().readValue(in, Map.class);
                }
                if (!key.equals(m.get("trainingKey"))) {
                    throw new IllegalArgumentException("checkpoint directory " + dir
                            + " holds members of another training " + "(other data, settings or seed; " + json.getName()
                            + "): delete it or choose another one");
                }
                Path params = new Path(dir, "member-" + i + ".params");
                byte[] bytes;
                try (InputStream in = fs.open(params)) {
                    bytes = in.readAllBytes();
                }
                float[] p = MemberFile.decode(bytes, params.toString(), (String) m.get("sha256"), -1);
                List<List<Number>> log = (List<List<Number>>) m.get("log");
                double[][] rows = log.stream()
                        .map(r -> r.stream()
                                .mapToDouble(v -> v == null ? Double.NaN : v.doubleValue())
                                .toArray())
                        .toArray(double[][]::new);
                out.put(i, new Member(p, ((Number) m.get("validationLoss")).doubleValue(), rows));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Records member i as finished (called where it trained). */
    void save(int member, float[] params, double validationLoss, double[][] log) {
        try {
            FileSystem fs = fs();
            fs.mkdirs(new Path(dir));
            byte[] bytes = MemberFile.encode(params);
            write(fs, "member-" + member + ".params", bytes);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trainingKey", key);
            m.put("member", member);
            m.put("validationLoss", validationLoss);
            m.put("sha256", MemberFile.sha256(bytes));
            List<List<Double>> rows = java.util.Arrays.stream(log)
                    .map(r -> java.util.Arrays.stream(r)
                            .mapToObj(v -> Double.isNaN(v) ? null : v)
                            .toList())
                    .toList();
            m.put("log", rows);
            write(fs, "member-" + member + ".json", new ObjectMapper().writeValueAsBytes(m));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the checkpoint of member " + member + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    private void write(FileSystem fs, String name, byte[] bytes) throws IOException {
        Path tmp = new Path(dir, "." + name + ".tmp-" + java.util.UUID.randomUUID());
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        }
        Path target = new Path(dir, name);
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }
}
