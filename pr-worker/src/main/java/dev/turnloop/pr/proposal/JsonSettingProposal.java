package dev.turnloop.pr.proposal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes one scalar setting in a JSON harness config by rewriting only the characters of that value, so
 * indentation, key order and (tolerated) comments survive. Jackson's streaming parser gives the value's exact
 * character span; the edited document is then checked to equal the old one except at the path.
 */
public final class JsonSettingProposal extends SettingProposal {
    private static final Set<String> EXTENSIONS = Set.of("json");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * @param expectedCurrent the value as written when the rule decided (e.g. {@code 3}), or null to skip the
     *     staleness check
     */
    public JsonSettingProposal(String targetFile, String mechanismId, SettingPath path, String expectedCurrent,
            ScalarValue newValue) {
        super(targetFile, EXTENSIONS, mechanismId, path, expectedCurrent, newValue);
    }

    @Override
    public Set<TargetKind> targetKinds() {
        return Set.of(TargetKind.HARNESS_CONFIG);
    }

    @Override
    public String apply(String content) {
        Object before = load(content, "is not valid JSON");
        Object current = valueAt(before, path());
        if (current instanceof Map || current instanceof List) {
            throw conflict(path() + " is " + ScalarValue.typeName(current) + ", not a single value");
        }
        int[] span = locate(content);
        String original = content.substring(span[0], span[1]);
        String currentText = original.startsWith("\"") ? String.valueOf(current) : original;
        if (!needsChange(current, currentText)) {
            return content;
        }
        String edited = content.substring(0, span[0]) + render() + content.substring(span[1]);
        Object after = load(edited, "would not be valid JSON after the edit (a bug; the file was left unchanged)");
        Object afterValue = valueAt(after, path());
        setValueAt(before, path(), afterValue);
        verifyOnlyPathChanged(afterValue, before.equals(after));
        return edited;
    }

    private String render() {
        if (!(newValue() instanceof ScalarValue.Text)) {
            return newValue().literal();
        }
        try {
            return JSON.writeValueAsString(((ScalarValue.Text) newValue()).text());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a plain string", e);
        }
    }

    /** Start and end character offsets of the scalar value at the path. */
    private int[] locate(String content) {
        String pointer = path().toJsonPointer();
        try (JsonParser parser = JSON.createParser(content)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isScalarValue() && parser.getParsingContext().pathAsPointer().toString().equals(pointer)) {
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    parser.getText(); // finishes a lazily read string, so the location is past its closing quote
                    return new int[] {start, (int) parser.currentLocation().getCharOffset()};
                }
            }
        } catch (IOException e) {
            throw new ProposalConflictException(targetFile() + " is not valid JSON: " + e.getMessage(), e);
        }
        throw conflict("has no scalar value at " + path());
    }

    private Object load(String content, String problem) {
        try {
            return JSON.readValue(content, Object.class);
        } catch (IOException e) {
            throw new ProposalConflictException(targetFile() + " " + problem + ": " + e.getMessage(), e);
        }
    }
}
