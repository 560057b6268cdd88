package dev.turnloop.pr.mechanism;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.pr.proposal.SettingPath;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the current value of a setting from YAML or JSON text, so a remedy can derive the new value from it. */
final class SettingValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingValues() {
    }

    /**
     * The scalar at {@code path} as written in the file (e.g. {@code 0.70} or {@code 2_000} in YAML), which is what a
     * setting proposal's staleness check compares against.
     */
    static Optional<String> writtenAt(String text, String file, SettingPath path) {
        if (file.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return at(text, file, path).map(String::valueOf);
        }
        Node node;
        try {
            node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (YAMLException e) {
            return Optional.empty();
        }
        for (String segment : path.segments()) {
            Node child = null;
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segment)) {
                        child = tuple.getValueNode();
                    }
                }
            } else if (node instanceof SequenceNode sequence && segment.matches("\\d{1,6}")
                    && Integer.parseInt(segment) < sequence.getValue().size()) {
                child = sequence.getValue().get(Integer.parseInt(segment));
            }
            if (child == null) {
                return Optional.empty();
            }
            node = child;
        }
        return node instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    /** The scalar at {@code path}, or empty when the path does not exist, is not a scalar or the text does not parse. */
    static Optional<Object> at(String text, String file, SettingPath path) {
        Object node;
        try {
            node = file.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON.readValue(text, Object.class)
                    : new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (IOException | YAMLException e) {
            return Optional.empty();
        }
        for (String segment : path.segments()) {
            if (node instanceof Map<?, ?> map) {
                node = map.entrySet().stream().filter(e -> String.valueOf(e.getKey()).equals(segment)).findFirst()
                        .map(Map.Entry::getValue).orElse(null);
            } else if (node instanceof List<?> list && segment.matches("\\d{1,6}") && Integer.parseInt(segment)
                    < list.size()) {
                node = list.get(Integer.parseInt(segment));
            } else {
                return Optional.empty();
            }
        }
        return node instanceof Map || node instanceof List ? Optional.empty() : Optional.ofNullable(node);
    }
}
