package dev.turnloop.pr.proposal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Changes one scalar setting in a YAML harness or W&B config by rewriting only the characters of that value: the
 * file is never dumped again, so comments, ordering, quoting and blank lines survive. SnakeYAML locates the value
 * (its node marks give the exact span) and afterwards verifies that the new document equals the old one except at
 * the path.
 */
public final class YamlSettingProposal extends SettingProposal {
    private static final Set<String> EXTENSIONS = Set.of("yaml", "yml");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param expectedCurrent the value as written when the rule decided (e.g. {@code 2000}), or null to skip the
     *     staleness check
     */
    public YamlSettingProposal(String targetFile, String mechanismId, SettingPath path, String expectedCurrent,
            ScalarValue newValue) {
        super(targetFile, EXTENSIONS, mechanismId, path, expectedCurrent, newValue);
    }

    @Override
    public Set<TargetKind> targetKinds() {
        return Set.of(TargetKind.HARNESS_CONFIG, TargetKind.WANDB_CONFIG);
    }

    @Override
    public String apply(String content) {
        Object before = load(content, "is not valid YAML");
        Object current = valueAt(before, path());
        Located located = locate(yaml().compose(new StringReader(content)));
        ScalarNode scalar = located.scalar();
        if (!needsChange(current, scalar.getValue())) {
            return content;
        }
        if (located.shared()) {
            throw conflict(path() + " is shared through a YAML anchor or alias; editing it would change other settings"
                    + " too, so change it by hand");
        }
        int start = content.offsetByCodePoints(0, scalar.getStartMark().getIndex());
        int end = content.offsetByCodePoints(0, scalar.getEndMark().getIndex());
        String original = content.substring(start, end);
        if (original.isBlank()) {
            throw conflict(path() + " has no value written in the file; write one by hand first");
        }
        String newline = content.contains("\r\n") ? "\r\n" : "\n";
        String edited = content.substring(0, start) + render(scalar.getScalarStyle(), original, located, newline)
                + content.substring(end);
        Object after = load(edited, "would not be valid YAML after the edit (a bug; the file was left unchanged)");
        Object afterValue = valueAt(after, path());
        setValueAt(before, path(), afterValue);
        verifyOnlyPathChanged(afterValue, before.equals(after));
        return edited;
    }

    private String render(DumperOptions.ScalarStyle style, String original, Located located, String newline) {
        if (!(newValue() instanceof ScalarValue.Text)) {
            return newValue().literal();
        }
        String text = ((ScalarValue.Text) newValue()).text();
        switch (style) {
            case SINGLE_QUOTED:
                return text.contains("\n") ? doubleQuoted(text) : "'" + text.replace("'", "''") + "'";
            case LITERAL:
            case FOLDED:
                return text.startsWith(" ") ? doubleQuoted(text) : block(text, original, located.keyColumn(), newline);
            case PLAIN:
                return isSafePlain(text, located.inFlow()) ? text : doubleQuoted(text);
            default:
                return doubleQuoted(text);
        }
    }

    /**
     * A block scalar with the original indicator, chomping and indentation. Multi-line text is always written
     * literal ({@code |}) because folding would turn its single line breaks into spaces.
     */
    private static String block(String text, String original, int keyColumn, String newline) {
        int headerEnd = lineBreakAt(original, 0);
        String header = original.substring(0, headerEnd < 0 ? original.length() : headerEnd);
        String indicator = header.split("\\s", 2)[0];
        String comment = header.substring(indicator.length());
        String chomp = indicator.contains("-") ? "-" : "";
        String newIndicator = (text.contains("\n") ? "|" : indicator.substring(0, 1)) + chomp;
        int indent = contentIndent(original, headerEnd, keyColumn);
        StringBuilder out = new StringBuilder(newIndicator).append(comment);
        for (String line : text.split("\n", -1)) {
            out.append(newline).append(line.isEmpty() ? "" : " ".repeat(indent) + line);
        }
        int lastText = original.length() - 1;
        while (lastText > headerEnd && Character.isWhitespace(original.charAt(lastText))) {
            lastText--;
        }
        int tail = lineBreakAt(original, Math.max(lastText, 0));
        return out.append(tail < 0 ? "" : original.substring(tail)).toString();
    }

    private static int contentIndent(String original, int headerEnd, int keyColumn) {
        if (headerEnd >= 0) {
            for (String line : original.substring(headerEnd).split("\r?\n")) {
                if (!line.isBlank()) {
                    return line.length() - line.stripLeading().length();
                }
            }
        }
        return keyColumn + 2;
    }

    private static int lineBreakAt(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\n' || s.charAt(i) == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Plain only when SnakeYAML reads the text back unchanged as a string on one line. */
    private static boolean isSafePlain(String text, boolean inFlow) {
        if (text.isEmpty() || text.contains("\n") || !text.equals(text.strip())
                || (inFlow && text.chars().anyMatch(c -> ",[]{}".indexOf(c) >= 0))) {
            return false;
        }
        try {
            Object probe = yaml().load("k: " + text);
            return probe instanceof Map && text.equals(((Map<?, ?>) probe).get("k"));
        } catch (YAMLException e) {
            return false;
        }
    }

    /** A JSON string literal is a valid YAML double-quoted scalar with the same value. */
    private static String doubleQuoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a plain string", e);
        }
    }

    private Located locate(Node root) {
        Map<Node, Integer> references = countReferences(root);
        Node node = root;
        Node parent = null;
        int keyColumn = 0;
        boolean shared = false;
        for (String segment : path().segments()) {
            Node child = null;
            if (node instanceof MappingNode) {
                for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode
                            && ((ScalarNode) tuple.getKeyNode()).getValue().equals(segment)) {
                        child = tuple.getValueNode();
                        keyColumn = tuple.getKeyNode().getStartMark().getColumn();
                    }
                }
            } else if (node instanceof SequenceNode && SettingPath.isIndex(segment)) {
                child = ((SequenceNode) node).getValue().get(Integer.parseInt(segment));
                keyColumn = node.getStartMark().getColumn();
            }
            if (child == null) {
                throw conflict(path() + " is inherited through a YAML merge key (<<) or has a non-string key; edit it by"
                        + " hand");
            }
            shared |= references.getOrDefault(child, 0) > 1;
            parent = node;
            node = child;
        }
        if (!(node instanceof ScalarNode)) {
            throw conflict(path() + " is a " + node.getNodeId() + ", not a single value");
        }
        boolean inFlow = parent instanceof CollectionNode
                && ((CollectionNode<?>) parent).getFlowStyle() == DumperOptions.FlowStyle.FLOW;
        return new Located((ScalarNode) node, keyColumn, inFlow, shared);
    }

    /** How often each node is referenced; an alias makes a node appear twice. */
    private static Map<Node, Integer> countReferences(Node root) {
        Map<Node, Integer> counts = new IdentityHashMap<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (counts.merge(node, 1, Integer::sum) > 1) {
                continue;
            }
            if (node instanceof MappingNode) {
                for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                    todo.push(tuple.getKeyNode());
                    todo.push(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode) {
                ((SequenceNode) node).getValue().forEach(todo::push);
            }
        }
        return counts;
    }

    private Object load(String content, String problem) {
        try {
            return yaml().load(content);
        } catch (YAMLException e) {
            throw new ProposalConflictException(targetFile() + " " + problem + ": " + e.getMessage(), e);
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    private record Located(ScalarNode scalar, int keyColumn, boolean inFlow, boolean shared) {
    }
}
