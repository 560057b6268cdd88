package dev.turnloop.pr.proposal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic instruction template owned by a rule in code, e.g. "When the user pastes Slack-formatted text,
 * treat {tool} output as plain text." Slots take identifiers only (no spaces, no punctuation that ends a sentence),
 * such as a tool name from the harness config, so no slot value can smuggle in a sentence of its own.
 */
public final class RuleTemplate {
    /** Letters, digits and {@code _.:/-}; no spaces, so a slot cannot carry an instruction. */
    public static final Pattern SLOT_VALUE = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");
    static final int MAX_TEXT_LENGTH = 2000;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern SLOT = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    private final String id;
    private final String text;
    private final Set<String> slots;

    private RuleTemplate(String id, String text, Set<String> slots) {
        this.id = id;
        this.text = text;
        this.slots = slots;
    }

    /**
     * A template with stable id {@code id} (lower-case, e.g. {@code slack-formatting-v1}) and instruction text that
     * may contain {@code {slot}} placeholders.
     */
    public static RuleTemplate of(String id, String text) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule template id '" + id + "' must match " + ID.pattern());
        }
        String trimmed = text.strip();
        requireWritable(id, trimmed);
        Set<String> slots = new LinkedHashSet<>();
        Matcher m = SLOT.matcher(trimmed);
        while (m.find()) {
            slots.add(m.group(1));
        }
        return new RuleTemplate(id, trimmed, Set.copyOf(slots));
    }

    public String id() {
        return id;
    }

    public Set<String> slots() {
        return slots;
    }

    /** The instruction for a template without slots. */
    public InstructionText render() {
        return render(Map.of());
    }

    /** The instruction with every slot filled; each value must match {@link #SLOT_VALUE}. */
    public InstructionText render(Map<String, String> values) {
        if (!values.keySet().equals(slots)) {
            throw new IllegalArgumentException("rule template '" + id + "' has slots " + slots + " but got values for "
                    + values.keySet());
        }
        Matcher m = SLOT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || !SLOT_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("slot '" + m.group(1) + "' of rule template '" + id
                        + "' takes an identifier matching " + SLOT_VALUE.pattern() + "; free text never goes into an instruction");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new InstructionText(id, out.toString());
    }

    private static void requireWritable(String id, String text) {
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("rule template '" + id + "' text must have 1.." + MAX_TEXT_LENGTH
                    + " characters");
        }
        if (text.contains("```") || text.contains("<!--") || text.contains("-->")) {
            throw new IllegalArgumentException("rule template '" + id
                    + "' text must not contain code fences or HTML comments: they would break the file's structure");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new IllegalArgumentException("rule template '" + id + "' text must not contain control characters");
        }
    }

    @Override
    public String toString() {
        return "RuleTemplate[" + id + "]";
    }
}
