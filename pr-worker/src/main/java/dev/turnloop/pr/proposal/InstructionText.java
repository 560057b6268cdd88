package dev.turnloop.pr.proposal;

/**
 * Text that may be written into a prompt or config as an instruction or setting. It can only be made by
 * {@link RuleTemplate#render}, so its words always come from a deterministic rule template written in code, never
 * from conversation text; the template id travels with it for the commit and the PR body.
 */
public final class InstructionText {
    private final String templateId;
    private final String text;

    InstructionText(String templateId, String text) {
        this.templateId = templateId;
        this.text = text;
    }

    public String templateId() {
        return templateId;
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstructionText && ((InstructionText) o).templateId.equals(templateId)
                && ((InstructionText) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return templateId.hashCode() * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return "InstructionText[" + templateId + "]";
    }
}
