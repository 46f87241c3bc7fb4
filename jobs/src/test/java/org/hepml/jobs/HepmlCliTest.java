package org.hepml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.hepml.testing.CsvFixtures;
import org.hepml.testing.SharedData;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: help, exit codes, one-line errors, and the jobs' output. */
class HepmlCliTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void startSpark() {
        SparkTestSession.get(); // the jobs reuse the test session instead of starting their own
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hepml.run(new PrintWriter(out), new PrintWriter(err), new Hepml(), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Every command path the command line has (nested ones such as "benchmark ams" too), from picocli itself. */
    private static List<List<String>> commandPaths(picocli.CommandLine cl, List<String> prefix) {
        List<List<String>> out = new java.util.ArrayList<>();
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name)) {
                return; // an alias
            }
            List<String> path = new java.util.ArrayList<>(prefix);
            path.add(name);
            out.add(path);
            out.addAll(commandPaths(sub, path));
        });
        return out;
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = commandPaths(new picocli.CommandLine(new Hepml()), List.of());
        // the hand list this replaced had missed compare-scores
        assertTrue(
                paths.contains(List.of("compare-scores")) && paths.contains(List.of("benchmark", "ams")),
                paths.toString());
        Result top = run("--help");
        assertEquals(0, top.code());
        for (List<String> path : paths) {
            List<String> args = new java.util.ArrayList<>(path);
            args.add("--help");
            Result r = run(args.toArray(new String[0]));
            assertEquals(0, r.code(), path.toString());
            assertTrue(r.out().contains("Usage: hepml " + String.join(" ", path)), r.out());
            if (path.size() == 1) {
                assertTrue(top.out().contains(path.get(0)), path + " missing from hepml --help");
            }
        }
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("bogus").code());
        Result none = run();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Usage: hepml"), none.err());
        Result missing = run("ingest", "--input", "x");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required option: '--output=DIR'"), missing.err());
        assertEquals(2, run("generate", "--events", "ten").code());
    }

    @Test
    void errorsAreOneClearLine() {
        Result r = run(
                "ingest",
                "--input",
                tmp.resolve("nope.csv").toString(),
                "--output",
                tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertEquals(
                "hepml ingest: error: input not found: " + tmp.resolve("nope.csv")
                        + " (give a CSV file, a .csv.gz file or a directory of them)",
                r.err().strip());

        Result fmt = run("ingest", "--input", "x", "--output", "y", "--format", "json");
        assertEquals(1, fmt.code());
        assertTrue(fmt.err().contains("unknown format 'json'"), fmt.err());
        assertFalse(fmt.err().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void badRowIsNamedAndQuarantineCounts() throws IOException {
        List<String> lines =
                IntStream.range(0, 8).mapToObj(CsvFixtures::cernLine).collect(Collectors.toList());
        lines.set(6, lines.get(6).replace(",s,t,", ",S,t,"));
        Path in = CsvFixtures.write(tmp.resolve("events.csv"), CsvFixtures.cernHeader(), lines);
        Result fail = run(
                "ingest",
                "--input",
                in.toString(),
                "--output",
                tmp.resolve("o1").toString());
        assertEquals(1, fail.code());
        assertTrue(
                fail.err().contains("events.csv: line 8, column Label: Label must be 's' or 'b', found 'S'"),
                fail.err());
        assertEquals(1, fail.err().strip().lines().count(), fail.err());

        Result q = run(
                "ingest",
                "--input",
                in.toString(),
                "--output",
                tmp.resolve("o2").toString(),
                "--bad-rows",
                "quarantine");
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("ingested 7 events"), q.out());
        assertTrue(q.out().contains("quarantined 1 bad line(s)"), q.out());
    }

    /** The jobs refuse what they cannot use, in one line that names it: nothing is scored or trained from it. */
    @Test
    void jobsRefuseBadInputsByName() throws IOException {
        String gen = tmp.resolve("bi-events").toString();
        assertEquals(
                0,
                run("generate", "--events", "800", "--seed", "9", "--output", gen)
                        .code());
        org.apache.spark.sql.SparkSession spark = SparkTestSession.get();
        String text = tmp.resolve("bi-text").toString();
        spark.read()
                .parquet(gen)
                .withColumn("PRI_tau_pt", org.apache.spark.sql.functions.lit("fast"))
                .write()
                .parquet(text);
        Result typed =
                run("train", "--input", text, "--model", tmp.resolve("bi-m0").toString());
        assertEquals(1, typed.code());
        String expected = "column 'PRI_tau_pt' is string, event Parquet has a number (double, float or an integer)";
        assertTrue(typed.err().contains(expected), typed.err());

        String oneClass = tmp.resolve("bi-bkg").toString();
        spark.read().parquet(gen).where("label = 0").write().parquet(oneClass);
        Result single = run(
                "train",
                "--input",
                oneClass,
                "--model",
                tmp.resolve("bi-m1").toString(),
                "--members",
                "1",
                "--epochs",
                "1",
                "--holdout",
                "0");
        assertEquals(1, single.code());
        assertTrue(
                single.err().contains("training needs both classes; all")
                        && single.err().contains("are background"),
                single.err());
        assertFalse(Files.exists(tmp.resolve("bi-m1")), "no model from a failed training");

        Path model = tmp.resolve("bi-model");
        assertEquals(
                0,
                run(
                                "train",
                                "--input",
                                gen,
                                "--model",
                                model.toString(),
                                "--members",
                                "1",
                                "--epochs",
                                "1",
                                "--width",
                                "4",
                                "--depth",
                                "1",
                                "--tta",
                                "1",
                                "--holdout",
                                "0")
                        .code());
        Path half = Files.createDirectories(tmp.resolve("bi-half").resolve("_temporary"));
        Result incomplete = run(
                "score",
                "--input",
                half.getParent().toString(),
                "--model",
                model.toString(),
                "--output",
                tmp.resolve("bi-s2").toString());
        assertEquals(1, incomplete.code());
        assertTrue(incomplete.err().contains("an incomplete Spark output"), incomplete.err());
        Path stage = Files.list(model.resolve("stages"))
                .filter(p -> Files.exists(p.resolve("data/member-0.params")))
                .findFirst()
                .get();
        Path member = stage.resolve("data/member-0.params");
        byte[] bytes = Files.readAllBytes(member);
        bytes[bytes.length - 2] ^= 4;
        Files.write(member, bytes);
        Result tampered = run(
                "score",
                "--input",
                gen,
                "--model",
                model.toString(),
                "--output",
                tmp.resolve("bi-s").toString());
        assertEquals(1, tampered.code());
        assertTrue(
                tampered.err().contains("member-0.params: its SHA-256 is not the one recorded with it"),
                tampered.err());
        assertFalse(Files.exists(tmp.resolve("bi-s")));
    }

    @Test
    void generateThenInspect() {
        String dir = tmp.resolve("gen").toString();
        Result g = run("generate", "--events", "2000", "--seed", "3", "--output", dir);
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("generated 2,000 toy events"), g.out());
        assertTrue(g.out().contains("weight sum 691.99") && g.out().contains("weight sum 410999.85"), g.out());

        Result again = run("generate", "--events", "10", "--output", dir);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("output already exists"), again.err());

        Result i = run("inspect", "--input", dir);
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("events: 2,000"), i.out());
        assertTrue(i.out().contains("signal (1.0)") && i.out().contains("691.990"), i.out());
        assertTrue(i.out().contains("PRI_jet_subleading_pt"), i.out());
    }

    @Test
    void augmentWritesParquetAndCsv() throws IOException {
        String gen = tmp.resolve("gen").toString();
        assertEquals(0, run("generate", "--events", "500", "--output", gen).code());
        Result a = run(
                "augment", "--input", gen, "--output", tmp.resolve("aug").toString(), "--copies", "2", "--cartesian");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("augmented 1,000 events (2 copies)"), a.out());
        Result c = run(
                "augment",
                "--input",
                gen,
                "--output",
                tmp.resolve("csv").toString(),
                "--format",
                "csv",
                "--rotate",
                "none",
                "--flip-z",
                "always",
                "--flip-transverse",
                "never");
        assertEquals(0, c.code(), c.err());
        Path part;
        try (var files = Files.list(tmp.resolve("csv"))) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .findFirst()
                    .orElseThrow();
        }
        String header = Files.readAllLines(part).get(0);
        assertTrue(header.startsWith("EventId,DER_mass_MMC,"), header); // the input's column names
        assertTrue(Files.readString(part).contains("-999.0"), "missing values written as -999.0");
        Result bad = run("augment", "--input", gen, "--output", tmp.resolve("x").toString(), "--flip-z", "maybe");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--flip-z takes random, always or never, got 'maybe'"), bad.err());
    }

    @Test
    void benchmarkAugmentPrintsItsTable() {
        Result b = run("benchmark", "augment", "--events", "2000", "--repeat", "1");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("Parquet read + write") && b.out().contains("ratio"), b.out());
        assertTrue(b.out().contains("goal: ratio <= 1.5"), b.out());
    }

    @Test
    void evaluateCsvWithGroupsAndJson() throws IOException {
        StringBuilder csv = new StringBuilder("EventId,score,label,weight,KaggleSet\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < 3000; i++) {
            int label = r.nextDouble() < 0.35 ? 1 : 0;
            double score = Math.min(1, Math.max(0, (label == 1 ? 0.65 : 0.35) + 0.2 * r.nextGaussian()));
            csv.append(i)
                    .append(',')
                    .append(score)
                    .append(',')
                    .append(label)
                    .append(',')
                    .append(label == 1 ? 0.01 : 1.0)
                    .append(',')
                    .append("tbv".charAt(i % 3))
                    .append('\n');
        }
        Path in = Files.writeString(tmp.resolve("scored.csv"), csv.toString());
        Path json = tmp.resolve("ams.json");
        Result e = run(
                "evaluate",
                "--input",
                in.toString(),
                "--resamples",
                "64",
                "--weight-scale",
                "3",
                "--by",
                "KaggleSet",
                "--cut-from",
                "t",
                "--json",
                json.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("AMS at the mean cut") && e.out().contains("weighted ROC AUC"), e.out());
        assertTrue(e.out().matches("(?s).*events \\(KaggleSet = t\\)\\s+1,000\n.*"), e.out());
        String j = Files.readString(json);
        for (String key : List.of(
                "\"ams_max\"",
                "\"ams_mean\"",
                "\"ams_std\"",
                "\"mean_cut\"",
                "\"ams_at_mean_cut\"",
                "\"auc\"",
                "\"groups\"",
                "\"b\"",
                "\"v\"")) {
            assertTrue(j.contains(key), key + " in " + j);
        }
        assertFalse(j.contains("NaN"), j);

        Result bad = run("evaluate", "--input", in.toString(), "--weight-col", "w");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("column 'w' not found"), bad.err());
        Result both = run("evaluate", "--input", in.toString(), "--weight-scale", "2", "--class-totals", "1", "2");
        assertEquals(1, both.code());
        assertTrue(both.err().contains("not both"), both.err());
    }

    @Test
    void benchmarkAmsPrintsItsTable() {
        Result b = run("benchmark", "ams", "--events", "3000", "--resamples", "16");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("in-memory core") && b.out().contains("distributed"), b.out());
    }

    /** A trained model as an ONNX file; a model that fails its checks writes nothing. */
    @Test
    void exportWritesOneOnnxFileOrNothing() throws IOException {
        String gen = tmp.resolve("ex-gen").toString();
        assertEquals(0, run("generate", "--events", "1500", "--output", gen).code());
        Path model = tmp.resolve("ex-model");
        Result trained = run(
                "train",
                "--input",
                gen,
                "--model",
                model.toString(),
                "--members",
                "2",
                "--epochs",
                "1",
                "--width",
                "6",
                "--depth",
                "2",
                "--tta",
                "4",
                "--holdout",
                "0");
        assertEquals(0, trained.code(), trained.err());
        Path onnx = tmp.resolve("out/model.onnx");
        Result r = run("export", "--model", model.toString(), "--output", onnx.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("exported 2 members, 4x test-time augmentation, opset 17"), r.out());
        assertTrue(r.out().contains(String.join(",", org.hepml.event.HiggsEventSchema.features())), r.out());
        assertTrue(Files.size(onnx) > 1000);
        Result again = run("export", "--model", model.toString(), "--output", onnx.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("output already exists"), again.err());
        assertEquals(
                1,
                run("export", "--model", model.toString(), "--output", onnx.toString(), "--opset", "12")
                        .code());

        Path member;
        try (var stages = Files.list(model.resolve("stages"))) {
            Path dnn = stages.filter(p -> p.getFileName().toString().contains("dnnEnsemble"))
                    .findFirst()
                    .orElseThrow();
            member = dnn.resolve("data").resolve("member-1.params");
        }
        byte[] b = Files.readAllBytes(member);
        b[b.length - 1] ^= 1;
        Files.write(member, b);
        Path second = tmp.resolve("out/tampered.onnx");
        Result tampered = run("export", "--model", model.toString(), "--output", second.toString());
        assertEquals(1, tampered.code());
        assertTrue(tampered.err().contains("SHA-256"), tampered.err());
        assertTrue(!Files.exists(second));
        try (var files = Files.list(tmp.resolve("out"))) {
            assertEquals(
                    List.of("model.onnx"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void trainScoreEvaluate() throws IOException {
        String gen = tmp.resolve("gen").toString();
        assertEquals(0, run("generate", "--events", "3000", "--output", gen).code());
        String model = tmp.resolve("model").toString();
        Result bad = run("train", "--input", gen, "--model", model, "--schedule", "triangular");
        assertEquals(1, bad.code());
        assertTrue(
                bad.err().contains("param schedule must be one of onecycle, constant, cosine, got 'triangular'"),
                bad.err());
        // refused before any member trains (it used to train them all, then fail scoring the hold-out)
        Result tta = run("train", "--input", gen, "--model", model, "--tta", "5");
        assertEquals(1, tta.code());
        assertTrue(tta.err().contains("param testTimeAugmentation must be 1 or a multiple of 4, got 5"), tta.err());
        assertTrue(!tta.err().contains("member 1/") && !Files.exists(tmp.resolve("model")), tta.err());
        Result t = run(
                "train",
                "--input",
                gen,
                "--model",
                model,
                "--members",
                "2",
                "--epochs",
                "3",
                "--width",
                "12",
                "--depth",
                "2",
                "--tta",
                "4",
                "--schedule",
                "cosine",
                "--swa-start",
                "1",
                "--report",
                tmp.resolve("train-report").toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("trained 2 members x 3 epochs (members)"), t.out());
        assertTrue(t.out().contains("hold-out") && t.out().contains("weighted AUC"), t.out());
        assertTrue(Files.isDirectory(tmp.resolve("model").resolve("validation-scores")));
        assertReport(tmp.resolve("train-report"), "lr-finder", "losses", "roc", "score-distributions", "ams-vs-cut");
        try (var stages = Files.list(tmp.resolve("model").resolve("stages"))) {
            Path dnn = stages.filter(p -> p.getFileName().toString().contains("dnnEnsemble"))
                    .findFirst()
                    .orElseThrow();
            List<String> log = Files.readAllLines(dnn.resolve("data").resolve("training-log.csv"));
            assertEquals(1 + 2 * 3, log.size(), log.toString()); // header + every member's every epoch
            assertTrue(log.get(0).contains("swa_validation_loss"), log.get(0));
            assertTrue(log.get(1).contains(",,"), log.get(1)); // epoch 0: no average yet
            assertTrue(!log.get(2).contains(",,"), log.get(2)); // epoch 1: the average's loss
        }
        Result badWhere = run(
                "train", "--input", gen, "--model", tmp.resolve("m-where").toString(), "--where", "Kaggle_Set = 't'");
        assertEquals(1, badWhere.code());
        assertTrue(badWhere.err().contains("--where 'Kaggle_Set = 't''"), badWhere.err());
        Result again = run("train", "--input", gen, "--model", model);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("output already exists"), again.err());

        String scored = tmp.resolve("scored.csv").toString();
        Result sc = run("score", "--input", gen, "--model", model, "--output", scored, "--format", "csv", "--tta", "1");
        assertEquals(0, sc.code(), sc.err());
        assertTrue(sc.out().contains("scored 3,000 events"), sc.out());
        Result bench = run("benchmark", "score-job", "--input", gen, "--model", model, "--tta", "8", "--repeat", "2");
        assertEquals(0, bench.code(), bench.err());
        assertTrue(bench.out().contains("3,000 events of " + gen), bench.out());
        assertTrue(bench.out().contains("test-time augmentation 8x"), bench.out());
        assertTrue(bench.out().contains("1 (cold)") && bench.out().contains("best warm"), bench.out());
        Result none = run("benchmark", "score-job", "--input", gen, "--model", model, "--repeat", "0");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("--repeat must be at least 1, got 0"), none.err());
        Result some = run(
                "score",
                "--input",
                gen,
                "--model",
                model,
                "--output",
                tmp.resolve("some").toString(),
                "--tta",
                "1",
                "--where",
                "EventId < 100500");
        assertEquals(0, some.code(), some.err());
        assertTrue(some.out().contains("scored 500 events"), some.out());
        Result ev = run(
                "evaluate",
                "--input",
                scored,
                "--resamples",
                "32",
                "--report",
                tmp.resolve("eval-report").toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("weighted ROC AUC"), ev.out());
        assertReport(tmp.resolve("eval-report"), "roc", "score-distributions", "ams-vs-cut");
        // the report's AUC is the printed one (same events, same weights)
        String printed = ev.out()
                .lines()
                .filter(l -> l.startsWith("weighted ROC AUC"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*\\s", "");
        assertTrue(
                Files.readString(tmp.resolve("eval-report").resolve("index.html"))
                        .contains("<td>" + printed + "</td>"),
                printed);

        // the challenge's submission file at the hold-out's bootstrap mean cut
        Path sub = tmp.resolve("submission.csv");
        Result withSub = run(
                "score",
                "--input",
                gen,
                "--model",
                model,
                "--output",
                tmp.resolve("scored-p").toString(),
                "--tta",
                "1",
                "--submission",
                sub.toString());
        assertEquals(0, withSub.code(), withSub.err());
        String evalJson = Files.readString(tmp.resolve("model").resolve("holdout-evaluation.json"));
        double meanCut = Double.parseDouble(evalJson.replaceAll("(?s).*\"mean_cut\": ([-0-9.Ee]+).*", "$1"));
        List<String> lines = Files.readAllLines(sub);
        assertEquals("EventId,RankOrder,Class", lines.get(0));
        assertEquals(3001, lines.size());
        java.util.Map<Long, Double> scoreOf = new java.util.HashMap<>();
        for (Row r : SparkTestSession.get()
                .read()
                .parquet(tmp.resolve("scored-p").toString())
                .select("EventId", "score")
                .collectAsList()) {
            scoreOf.put(r.getLong(0), r.getDouble(1));
        }
        double previous = -1;
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            long id = Long.parseLong(f[0]);
            double score = scoreOf.get(id);
            assertEquals(i, Integer.parseInt(f[1])); // rank order 1..N, ascending in score
            assertTrue(score >= previous, lines.get(i));
            assertEquals(score >= meanCut ? "s" : "b", f[2], lines.get(i));
            previous = score;
            ids.add(id);
        }
        assertEquals(3000, ids.size());
        assertTrue(withSub.out().contains("submission: 3,000 events"), withSub.out());

        Result noModel = run(
                "score",
                "--input",
                gen,
                "--model",
                gen,
                "--output",
                tmp.resolve("x").toString());
        assertEquals(1, noModel.code());
        assertTrue(noModel.err().contains("not a model directory"), noModel.err());
        Result unlabelled = run(
                "train",
                "--input",
                tmp.resolve("scored.csv").toString(),
                "--model",
                tmp.resolve("m2").toString());
        assertEquals(1, unlabelled.code());
    }

    /** MLlib's peers, and a peer with test-time augmentation, on the same folds; the report has their ROC curves. */
    @Test
    void benchmarkRunsThePeers() throws IOException {
        String gen = tmp.resolve("peer-events").toString();
        assertEquals(0, run("generate", "--events", "1500", "--output", gen).code());
        Path outDir = tmp.resolve("peers");
        Result r = run(
                "benchmark",
                "--input",
                gen,
                "--folds",
                "2",
                "--methods",
                "gbt,gbt-tta,mlp",
                "--iterations",
                "10",
                "--output",
                outDir.toString(),
                "--report",
                tmp.resolve("peer-report").toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(outDir.resolve("results.json"));
        assertTrue(
                json.contains("\"gbt-tta\"") && json.contains("\"mlp\"") && json.contains("IGNORES event weights"),
                json);
        // gbt-tta scores gbt's fit: the same train seconds on each fold
        java.util.regex.Matcher t = java.util.regex.Pattern.compile("\"trainSeconds\": ([0-9.eE-]+)")
                .matcher(json.substring(json.indexOf("\"gbt\"")));
        java.util.List<String> times = new java.util.ArrayList<>();
        while (t.find()) {
            times.add(t.group(1));
        }
        // per method: the mean/std entry is a map, then one trainSeconds per fold: gbt folds are times 0-1, gbt-tta 2-3
        assertEquals(times.get(0), times.get(2), json);
        assertEquals(times.get(1), times.get(3), json);
        String mainTable = r.out().substring(0, r.out().indexOf("pooled AUC")); // the paired table follows it
        for (String line : mainTable
                .lines()
                .filter(l -> l.startsWith("gbt-tta") || l.startsWith("mlp"))
                .toList()) {
            double auc = Double.parseDouble(line.split("\\s+")[1]);
            assertTrue(auc > 0.75 && auc <= 1, line);
        }
        assertReport(tmp.resolve("peer-report"), "roc", "ams-vs-selected");
    }

    /** index.html names each plot, and each is a real PNG of the plot size. */
    static void assertReport(Path dir, String... plots) throws IOException {
        String html = Files.readString(dir.resolve("index.html"));
        for (String p : plots) {
            assertTrue(html.contains("src=\"" + p + ".png\""), p + " in " + html);
            java.awt.image.BufferedImage img =
                    javax.imageio.ImageIO.read(dir.resolve(p + ".png").toFile());
            assertEquals(800, img.getWidth(), p);
        }
    }

    @Test
    void demoRunsEndToEnd() throws IOException {
        Path work = tmp.resolve("demo");
        Result r = run(
                "demo", "--events", "4000", "--members", "2", "--epochs", "2", "--tta", "4", "--work", work.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hold-out (") && r.out().contains("report written to"), r.out());
        assertTrue(Files.isDirectory(work.resolve("model").resolve("stages")));
        assertReport(work.resolve("report"), "lr-finder", "losses", "roc", "score-distributions", "ams-vs-cut");
    }

    /** The cross-validated comparison, tiny: 2 folds, 1 epoch, 2 members; every method on every fold in the files. */
    @Test
    void benchmarkComparesMethodsOnTheSameFolds() throws IOException {
        String gen = tmp.resolve("cv-events").toString();
        assertEquals(0, run("generate", "--events", "2000", "--output", gen).code());
        assertEquals(2, run("benchmark").code());
        Result bad = run("benchmark", "--input", gen, "--methods", "ensemble,forest");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("unknown method 'forest'"), bad.err());
        Path outDir = tmp.resolve("cv");
        Result r = run(
                "benchmark",
                "--input",
                gen,
                "--folds",
                "2",
                "--epochs",
                "1",
                "--members",
                "2",
                "--output",
                outDir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out().contains("single-relu")
                        && r.out().contains("ensemble")
                        && r.out().contains("AMS at mean cut"),
                r.out());
        assertTrue(r.err().contains("[4/4] ensemble fold 2/2"), r.err());
        String json = Files.readString(outDir.resolve("results.json"));
        assertTrue(json.contains("\"single-relu\"") && json.contains("\"ensemble\""), json);
        assertEquals(4, json.split("\"fold\":").length - 1, json); // 2 methods x 2 folds
        assertTrue(Files.readString(outDir.resolve("results.md")).contains("|ensemble|"));
        assertTrue(r.out().contains("ΔAMS at mean cut vs ref") && r.out().contains("(reference)"), r.out());
        assertTrue(json.contains("\"paired\": {") && json.contains("\"reference\": \"ensemble\""), json);
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(outDir.resolve("scores.csv.gz"))),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals("EventId,fold,label,weight,single-relu,ensemble", in.readLine());
            assertEquals(2000, in.lines().count());
        }
    }

    @Test
    void lrFindPrintsACurveAndASuggestion() throws IOException {
        String gen = tmp.resolve("gen").toString();
        assertEquals(0, run("generate", "--events", "4000", "--output", gen).code());
        Path csv = tmp.resolve("lr.csv");
        Result r = run(
                "lr-find",
                "--input",
                gen,
                "--width",
                "12",
                "--depth",
                "2",
                "--batch-size",
                "32",
                "--csv",
                csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("suggested learning rate"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("learning_rate,loss,smoothed_loss", lines.get(0));
        assertTrue(lines.size() > 20, "points: " + lines.size());
    }

    @Test
    void inspectRefusesNonParquet() throws IOException {
        Path csv = Files.writeString(tmp.resolve("e.csv"), "EventId\n1\n");
        Result r = run("inspect", "--input", csv.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("not Parquet") && r.err().contains("hepml ingest"), r.err());
    }

    @Test
    void ingestAndInspectTheRealSample() {
        Path sample = SharedData.higgsSample();
        String out = tmp.resolve("real").toString();
        Result r = run("ingest", "--input", sample.toString(), "--output", out);
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out().contains("ingested 17,000 events") && r.out().contains("signal 5,794, background 11,206"),
                r.out());
        Result i = run("inspect", "--input", out);
        assertTrue(i.out().contains("events: 17,000"), i.out());
        assertTrue(i.out().contains("DER_mass_MMC             2,559"), i.out());
    }
}
