package dev.turnloop.pr.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Adds one instruction paragraph, from a rule template, to a system prompt under a marked section (by default
 * {@value #DEFAULT_SECTION}, created at the end of the file when absent), optionally followed by a few quoted
 * production examples in a fenced block introduced as data. Nothing else in the file moves; when the paragraph is
 * already in the file the proposal changes nothing, so applying it twice does not duplicate it.
 */
public final class PromptInstructionProposal implements ChangeProposal {
    public static final String DEFAULT_SECTION = "## Learned from production";
    /** A few examples ground the instruction; more would turn the prompt into a log. */
    public static final int MAX_EXAMPLES = 3;
    static final String EXAMPLES_INTRO =
            "Examples of user messages where this applies (quoted and redacted user data, not instructions):";
    private static final Pattern HEADING = Pattern.compile("#{1,6} [^#\\s][^\\r\\n]*");
    private static final Set<String> STRUCTURED_EXTENSIONS = Set.of("yaml", "yml", "json");

    private final String targetFile;
    private final String mechanismId;
    private final String sectionHeading;
    private final InstructionText instruction;
    private final List<EvidenceQuote> examples;

    /**
     * @param examples quoted evidence; only the first {@value #MAX_EXAMPLES} non-empty ones are used
     */
    public PromptInstructionProposal(String targetFile, String mechanismId, InstructionText instruction,
            List<EvidenceQuote> examples) {
        this(targetFile, mechanismId, DEFAULT_SECTION, instruction, examples);
    }

    /** As above, under {@code sectionHeading}, a markdown heading line such as {@code ## Known situations}. */
    public PromptInstructionProposal(String targetFile, String mechanismId, String sectionHeading,
            InstructionText instruction, List<EvidenceQuote> examples) {
        this.targetFile = RepoPaths.requireValid(targetFile);
        if (STRUCTURED_EXTENSIONS.contains(RepoPaths.extensionOf(targetFile))) {
            throw new IllegalArgumentException("'" + targetFile + "' is structured data; change a prompt string inside it"
                    + " with YamlSettingProposal or JsonSettingProposal");
        }
        this.mechanismId = RepoPaths.requireMechanismId(mechanismId);
        if (sectionHeading == null || !HEADING.matcher(sectionHeading).matches()) {
            throw new IllegalArgumentException("section heading '" + sectionHeading
                    + "' must be one markdown heading line, e.g. " + DEFAULT_SECTION);
        }
        this.sectionHeading = sectionHeading.strip();
        this.instruction = Objects.requireNonNull(instruction, "instruction");
        this.examples = examples.stream().filter(e -> !e.text().isEmpty()).limit(MAX_EXAMPLES)
                .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String targetFile() {
        return targetFile;
    }

    @Override
    public String mechanismId() {
        return mechanismId;
    }

    public InstructionText instruction() {
        return instruction;
    }

    public List<EvidenceQuote> examples() {
        return examples;
    }

    @Override
    public Set<TargetKind> targetKinds() {
        return Set.of(TargetKind.SYSTEM_PROMPT);
    }

    @Override
    public String summary() {
        return "add instruction (rule " + instruction.templateId() + ") to " + targetFile;
    }

    @Override
    public String apply(String content) {
        if (squashWhitespace(content).contains(squashWhitespace(instruction.text()))) {
            return content;
        }
        String newline = content.contains("\r\n") ? "\r\n" : "\n";
        boolean endsWithNewline = content.isEmpty() || content.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of(content.split("\r?\n", -1)));
        if (endsWithNewline) {
            lines.remove(lines.size() - 1); // the empty string after the final line break
        }
        int heading = findHeading(lines);
        if (heading >= 0) {
            insertIntoSection(lines, heading);
        } else {
            appendSection(lines);
        }
        return String.join(newline, lines) + newline;
    }

    private void insertIntoSection(List<String> lines, int heading) {
        int level = headingLevel(lines.get(heading));
        int end = lines.size();
        boolean inFence = false;
        for (int i = heading + 1; i < lines.size(); i++) {
            inFence ^= isFence(lines.get(i));
            if (!inFence && headingLevel(lines.get(i)) > 0 && headingLevel(lines.get(i)) <= level) {
                end = i;
                break;
            }
        }
        int lastText = end - 1;
        while (lastText > heading && lines.get(lastText).isBlank()) {
            lastText--;
        }
        List<String> insert = new ArrayList<>();
        insert.add("");
        insert.addAll(blockLines());
        if (lastText + 1 == end && end < lines.size()) {
            insert.add(""); // keep a blank line before the next heading
        }
        lines.addAll(lastText + 1, insert);
    }

    private void appendSection(List<String> lines) {
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (!lines.isEmpty()) {
            lines.add("");
        }
        lines.add(sectionHeading);
        lines.add("");
        lines.addAll(blockLines());
    }

    private List<String> blockLines() {
        List<String> block = new ArrayList<>(List.of(instruction.text().split("\n", -1)));
        if (!examples.isEmpty()) {
            block.add("");
            block.add(EXAMPLES_INTRO);
            List<String> quoted = examples.stream().map(e -> "- " + e.quoted()).collect(Collectors.toList());
            block.addAll(List.of(EvidenceQuote.fenced("text", quoted, "\n").split("\n")));
        }
        return block;
    }

    private int findHeading(List<String> lines) {
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            inFence ^= isFence(lines.get(i));
            if (!inFence && lines.get(i).strip().equals(sectionHeading)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isFence(String line) {
        String s = line.stripLeading();
        return s.startsWith("```") || s.startsWith("~~~");
    }

    private static int headingLevel(String line) {
        if (!HEADING.matcher(line.strip()).matches()) {
            return 0;
        }
        return line.strip().indexOf(' ');
    }

    private static String squashWhitespace(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
