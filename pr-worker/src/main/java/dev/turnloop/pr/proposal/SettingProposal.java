package dev.turnloop.pr.proposal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the YAML and JSON setting proposals share: the typed target (file, path, value), the optional value the
 * rule saw when it decided (a stale file is refused rather than overwritten), and the checks on loaded documents.
 */
public abstract class SettingProposal implements ChangeProposal {
    /** Stands for a setting whose loaded value is null, since Optional cannot hold null. */
    private static final Object NULL = new Object();

    private final String targetFile;
    private final String mechanismId;
    private final SettingPath path;
    private final String expectedCurrent;
    private final ScalarValue newValue;

    SettingProposal(String targetFile, Set<String> extensions, String mechanismId, SettingPath path,
            String expectedCurrent, ScalarValue newValue) {
        this.targetFile = RepoPaths.requireValid(targetFile);
        if (!extensions.contains(RepoPaths.extensionOf(targetFile))) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " edits files ending in " + extensions
                    + ", not '" + targetFile + "'");
        }
        this.mechanismId = RepoPaths.requireMechanismId(mechanismId);
        this.path = Objects.requireNonNull(path, "path");
        this.expectedCurrent = expectedCurrent;
        this.newValue = Objects.requireNonNull(newValue, "newValue");
    }

    @Override
    public String targetFile() {
        return targetFile;
    }

    @Override
    public String mechanismId() {
        return mechanismId;
    }

    public SettingPath path() {
        return path;
    }

    /** The value as written in the file when the rule decided, e.g. {@code 2000}; empty when not checked. */
    public Optional<String> expectedCurrent() {
        return Optional.ofNullable(expectedCurrent);
    }

    public ScalarValue newValue() {
        return newValue;
    }

    @Override
    public String summary() {
        String from = expectedCurrent == null || expectedCurrent.length() > 40 || expectedCurrent.contains("\n") ? ""
                : " from " + expectedCurrent;
        return "set " + path + from + " to " + newValue.display() + " in " + targetFile;
    }

    /**
     * Checks made before any text is touched. Returns false when the setting already has the new value.
     *
     * @param current the loaded value at the path
     * @param currentText the value as written (scalar text without quotes)
     */
    final boolean needsChange(Object current, String currentText) {
        if (newValue.matches(current)) {
            return false;
        }
        if (expectedCurrent != null && !expectedCurrent.equals(currentText)) {
            throw conflict("expected " + path + " to be " + expectedCurrent + " but it is " + currentText
                    + "; the file changed since the rule decided, so the proposal must be derived again");
        }
        if (!newValue.compatibleWith(current)) {
            throw conflict(path + " is " + ScalarValue.typeName(current) + " but the proposal writes "
                    + newValue.display() + "; a rule must not change a setting's type");
        }
        return true;
    }

    /** Verifies that the edited document has the new value at the path and is otherwise equal to the old one. */
    final void verifyOnlyPathChanged(Object afterValue, boolean restEqual) {
        if (!newValue.matches(afterValue)) {
            throw conflict("after the edit " + path + " reads as " + afterValue + ", not " + newValue.display()
                    + "; the file was left unchanged");
        }
        if (!restEqual) {
            throw conflict("editing " + path + " would also change other settings (is the value shared, e.g. through"
                    + " an anchor?); change it by hand");
        }
    }

    final ProposalConflictException conflict(String what) {
        return new ProposalConflictException(targetFile + ": " + what);
    }

    /** The loaded value at the path in a tree of maps and lists, as SnakeYAML builds it. */
    final Object valueAt(Object root, SettingPath at) {
        Object node = root;
        StringBuilder walked = new StringBuilder();
        for (String segment : at.segments()) {
            Optional<Object> child = childOf(node, segment);
            if (child.isEmpty()) {
                throw conflict("has no setting " + at + " (nothing at '" + segment + "'"
                        + (walked.length() == 0 ? "" : " under " + walked) + "); a proposal changes a setting, never adds one");
            }
            walked.append(walked.length() == 0 ? "" : ".").append(segment);
            node = child.get() == NULL ? null : child.get();
        }
        return node;
    }

    /** Replaces the value at the path in a tree of maps and lists, in place. */
    @SuppressWarnings("unchecked")
    static void setValueAt(Object root, SettingPath at, Object value) {
        Object node = root;
        List<String> segments = at.segments();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (node instanceof Map) {
                Map<Object, Object> map = (Map<Object, Object>) node;
                Object key = map.keySet().stream().filter(k -> String.valueOf(k).equals(segment)).findFirst().orElseThrow();
                if (last) {
                    map.put(key, value);
                } else {
                    node = map.get(key);
                }
            } else {
                List<Object> list = (List<Object>) node;
                if (last) {
                    list.set(Integer.parseInt(segment), value);
                } else {
                    node = list.get(Integer.parseInt(segment));
                }
            }
        }
    }

    private static Optional<Object> childOf(Object node, String segment) {
        if (node instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
                if (String.valueOf(e.getKey()).equals(segment)) {
                    return Optional.of(e.getValue() == null ? NULL : e.getValue());
                }
            }
        } else if (node instanceof List && SettingPath.isIndex(segment)) {
            List<?> list = (List<?>) node;
            int index = Integer.parseInt(segment);
            if (index < list.size()) {
                return Optional.of(list.get(index) == null ? NULL : list.get(index));
            }
        }
        return Optional.empty();
    }
}
