package dev.turnloop.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.app.eval.BinaryScores;
import dev.turnloop.app.eval.SgdSignalEvaluation;
import dev.turnloop.app.replay.TurnFile;
import dev.turnloop.textkit.SentimentEvaluation;
import dev.turnloop.textkit.SentimentScorer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Evaluations that anyone can rerun; they run the production code paths against labelled data. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure quality against labelled data.",
        subcommands = {EvalCommand.Signals.class, EvalCommand.Intents.class, EvalCommand.Verdicts.class})
public final class EvalCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "signals", mixinStandardHelpOptions = true,
            description = {"Score the ingest signals.",
                    "--sentiment F: Pearson r of the sentiment score against a VADER-format ground truth "
                            + "(id<TAB>mean<TAB>text), beside plain VADER's.",
                    "--turns T --gold G: replay a Schema-Guided Dialogue turns file through the ingest topology and "
                            + "print precision / recall / F1 of completion (gold: a system NOTIFY_SUCCESS) and of repair "
                            + "(gold proxy: user NEGATE / REQUEST_ALTS; repair_strict_*: the same without closings, "
                            + "i.e. NEGATE with THANK_YOU or GOODBYE)."})
    static final class Signals implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--sentiment", paramLabel = "F", description = "VADER-format ground truth file.")
        Path sentiment;

        @Option(names = "--turns", paramLabel = "T.jsonl[.gz]", description = "SGD-layout turns file.")
        Path turns;

        @Option(names = "--gold", paramLabel = "G.jsonl[.gz]", description = "SGD-layout gold file (acts per turn).")
        Path gold;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (sentiment == null && turns == null) {
                throw new ParameterException(spec.commandLine(),
                        "give --sentiment F, or --turns T --gold G, or both");
            }
            if ((turns == null) != (gold == null)) {
                throw new ParameterException(spec.commandLine(), "--turns and --gold go together");
            }
            ObjectNode out = JSON.createObjectNode();
            if (sentiment != null) {
                SentimentEvaluation.Result ours = SentimentEvaluation.pearson(sentiment, SentimentScorer.standard());
                SentimentEvaluation.Result vader = SentimentEvaluation.pearson(sentiment, SentimentScorer.vader());
                out.put("sentiment_items", ours.items());
                out.put("pearson_r", round(ours.pearsonR()));
                out.put("vader_pearson_r", round(vader.pearsonR()));
            }
            if (turns != null) {
                SgdSignalEvaluation.Result result = SgdSignalEvaluation.run(new TurnFile(turns), new TurnFile(gold));
                out.put("conversations", result.conversations());
                out.put("turns", result.turns());
                out.put("gold_completed_share", round(result.goldCompletedShare()));
                put(out, "completion", result.completion());
                put(out, "completion_any", result.completionAny());
                put(out, "repair", result.repair());
                put(out, "repair_strict", result.repairStrict());
                out.put("turns_per_second", Math.round(result.turnsPerSecond()));
            }
            if (json) {
                System.out.println(JSON.writeValueAsString(out));
            } else {
                out.fields().forEachRemaining(e -> System.out.printf("%-28s %s%n", e.getKey(), e.getValue()));
            }
            return ExitCodes.OK;
        }

        private static void put(ObjectNode out, String name, BinaryScores scores) {
            out.put(name + "_precision", round(scores.precision()));
            out.put(name + "_recall", round(scores.recall()));
            out.put(name + "_f1", round(scores.f1()));
        }

        static double round(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }
    }

    @Command(name = "verdicts", mixinStandardHelpOptions = true,
            description = {"Feed simulated cohorts through the verdict engine with continuous looks and print how often "
                    + "it decides right: false_keep_rate (no real effect, yet KEEP), power (a real 10-point completion "
                    + "lift at 500 conversations per arm ends in KEEP) and harm_detection (a real 10-point drop ends in "
                    + "REVERT)."})
    static final class Verdicts implements Callable<Integer> {

        @Option(names = "--simulations", defaultValue = "1000", description = "Simulations per scenario (default ${DEFAULT-VALUE}).")
        int simulations;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (simulations < 1) {
                throw new IllegalArgumentException("--simulations must be >= 1");
            }
            var report = dev.turnloop.metrics.verdict.VerdictSimulation.run(simulations, seed);
            if (json) {
                System.out.println(JSON.writeValueAsString(report));
            } else {
                System.out.printf("%-24s %.4f   (goal <= 0.05)%n", "false_keep_rate", report.falseKeepRate());
                System.out.printf("%-24s %.4f   (goal >= 0.80)%n", "power", report.power());
                System.out.printf("%-24s %.4f   (goal >= 0.80)%n", "harm_detection", report.harmDetection());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "intents", mixinStandardHelpOptions = true,
            description = {"Stream labelled texts in file order through the intent topology (MiniLM embeddings, online "
                    + "micro-clusters, the merge step) and score the CONFIRMED intents against the labels: clusters "
                    + "found, nmi, ari, acc (Hungarian-matched), items_per_second.",
                    "JSONL with --text-field/--label-field, or CSV with a header and --text-column/--label-column."})
    static final class Intents implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--input", required = true, paramLabel = "F", description = "JSONL or CSV file (.gz allowed).")
        Path input;

        @Option(names = {"--text-field", "--text-column"}, defaultValue = "text", description = "Text field or column.")
        String textField;

        @Option(names = {"--label-field", "--label-column"}, defaultValue = "label",
                description = "Gold label field or column (for scoring only).")
        String labelField;

        @Option(names = "--rebuild-every", defaultValue = "1000",
                description = "Items between model rebuilds (default ${DEFAULT-VALUE}).")
        int rebuildEvery;

        @Option(names = "--limit", defaultValue = "0", description = "Use only the first N items (0 = all).")
        int limit;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isRegularFile(input)) {
                throw new ParameterException(spec.commandLine(), "--input " + input + " is not a file");
            }
            var items = dev.turnloop.intent.eval.LabelledTextReader.read(input, textField, labelField);
            if (limit > 0 && items.size() > limit) {
                items = items.subList(0, limit);
            }
            try (var embedder = new dev.turnloop.intent.embed.MiniLmEmbedder()) {
                var result = dev.turnloop.app.eval.IntentTopologyEvaluation.run(items, embedder,
                        dev.turnloop.intent.IntentSettings.defaults(), rebuildEvery);
                ObjectNode out = JSON.createObjectNode();
                out.put("items", result.items());
                out.put("labels", result.classes());
                out.put("clusters", result.clusters());
                out.put("nmi", Signals.round(result.nmi()));
                out.put("ari", Signals.round(result.ari()));
                out.put("acc", Signals.round(result.acc()));
                out.put("items_per_second", Math.round(result.itemsPerSecond()));
                if (json) {
                    System.out.println(JSON.writeValueAsString(out));
                } else {
                    out.fields().forEachRemaining(e -> System.out.printf("%-20s %s%n", e.getKey(), e.getValue()));
                }
            }
            return ExitCodes.OK;
        }
    }
}
