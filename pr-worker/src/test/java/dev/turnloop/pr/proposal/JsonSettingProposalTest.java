package dev.turnloop.pr.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonSettingProposalTest {
    private static final String ROUTING = """
            {
              // routing for the support agent
              "retries": { "max_attempts": 3, "backoff_ms": 250 },
              "tools": [
                { "name": "search", "timeout_ms": 2000, "description": "Search the help center." }
              ]
            }
            """;

    private static JsonSettingProposal set(String path, String expected, ScalarValue value) {
        return new JsonSettingProposal("harness/routing.json", "harness.retries", SettingPath.parse(path), expected,
                value);
    }

    @Test
    void numberIsRewrittenInPlaceKeepingLayoutAndComments() {
        String after = set("retries.max_attempts", "3", ScalarValue.integer(5)).apply(ROUTING);

        assertThat(after).isEqualTo(ROUTING.replace("\"max_attempts\": 3", "\"max_attempts\": 5"));
    }

    @Test
    void stringInAListIsWrittenJsonEscaped() {
        InstructionText description = RuleTemplate.of("search-desc-v2",
                "Search the help center; quote \"exact\" titles.").render();

        String after = set("tools.0.description", "Search the help center.", ScalarValue.text(description))
                .apply(ROUTING);

        assertThat(after).isEqualTo(ROUTING.replace("\"Search the help center.\"",
                "\"Search the help center; quote \\\"exact\\\" titles.\""));
    }

    @Test
    void alreadyAppliedChangesNothing() {
        String once = set("tools.0.timeout_ms", "2000", ScalarValue.integer(5000)).apply(ROUTING);

        assertThat(set("tools.0.timeout_ms", "2000", ScalarValue.integer(5000)).apply(once)).isSameAs(once);
    }

    @Test
    void staleValueIsRefused() {
        assertThatThrownBy(() -> set("retries.max_attempts", "4", ScalarValue.integer(5)).apply(ROUTING))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("expected retries.max_attempts to be 4 but it is 3");
    }

    @Test
    void objectIsNotASingleValue() {
        assertThatThrownBy(() -> set("retries", null, ScalarValue.integer(5)).apply(ROUTING))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("not a single value");
    }

    @Test
    void missingPathIsRefused() {
        assertThatThrownBy(() -> set("retries.jitter", null, ScalarValue.bool(true)).apply(ROUTING))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("has no setting retries.jitter");
    }
}
