package dev.turnloop.pr.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.pr.repo.TestRepos;
import org.junit.jupiter.api.Test;

class YamlSettingProposalTest {
    private static final String HARNESS = TestRepos.HARNESS_TEXT;

    private static YamlSettingProposal set(String path, String expected, ScalarValue value) {
        return new YamlSettingProposal("harness/tools.yaml", "harness.search-timeout", SettingPath.parse(path), expected,
                value);
    }

    private static InstructionText text(String id, String text) {
        return RuleTemplate.of(id, text).render();
    }

    @Test
    void integerSettingIsRewrittenInPlaceKeepingCommentsAndOrder() {
        // Given a harness with comments on and around the setting
        YamlSettingProposal proposal = set("tools.search.timeout_ms", "2000", ScalarValue.integer(5000));

        // When the timeout is raised
        String after = proposal.apply(HARNESS);

        // Then only those four characters changed
        assertThat(after).isEqualTo(HARNESS.replace("timeout_ms: 2000   # p99", "timeout_ms: 5000   # p99"));
    }

    @Test
    void wandbDecimalParameterIsRewrittenAndStaysAFloat() {
        String sweep = """
                program: train.py
                method: bayes
                parameters:
                  temperature:
                    value: 0.7  # sampling temperature
                  max_tokens:
                    value: 512
                """;
        YamlSettingProposal proposal = new YamlSettingProposal("wandb/sweep.yaml", "config.temperature",
                SettingPath.parse("parameters.temperature.value"), "0.7", ScalarValue.decimal(1));

        String after = proposal.apply(sweep);

        assertThat(after).as("a whole-number decimal keeps its point so YAML still reads a float")
                .isEqualTo(sweep.replace("value: 0.7  #", "value: 1.0  #"));
    }

    @Test
    void doubleQuotedDescriptionStaysDoubleQuoted() {
        YamlSettingProposal proposal = set("tools.search.description", null, ScalarValue.text(
                text("search-desc-v2", "Search the help center; quote \"exact\" article titles.")));

        String after = proposal.apply(HARNESS);

        assertThat(after).isEqualTo(HARNESS.replace("\"Search the help center.\"",
                "\"Search the help center; quote \\\"exact\\\" article titles.\""));
    }

    @Test
    void plainTextThatWouldParseDifferentlyIsQuoted() {
        String yaml = "tools:\n  search:\n    description: Search the help center\n    timeout_ms: 2000\n";
        YamlSettingProposal proposal = set("tools.search.description", "Search the help center",
                ScalarValue.text(text("search-desc-v3", "Search: the help center # first")));

        String after = proposal.apply(yaml);

        assertThat(after).isEqualTo(yaml.replace("description: Search the help center",
                "description: \"Search: the help center # first\""));
    }

    @Test
    void literalBlockDescriptionKeepsBlockStyleAndIndentation() {
        String yaml = """
                tools:
                  search:
                    description: |
                      Search the help center.
                      Returns five articles.

                    timeout_ms: 2000
                """;
        YamlSettingProposal proposal = set("tools.search.description", null, ScalarValue.text(
                text("search-desc-v4", "Search the help center.\nAlways cite the article title.")));

        String after = proposal.apply(yaml);

        assertThat(after).isEqualTo(yaml.replace("Returns five articles.", "Always cite the article title."));
    }

    @Test
    void flowMappingValueIsRewrittenInsideTheBraces() {
        String after = set("tools.calculator.enabled", "true", ScalarValue.bool(false)).apply(HARNESS);

        assertThat(after).isEqualTo(HARNESS.replace("{timeout_ms: 500, enabled: true}",
                "{timeout_ms: 500, enabled: false}"));
    }

    @Test
    void listEntriesAreAddressedByIndex() {
        String yaml = """
                tools:
                  - name: search
                    timeout_ms: 2000
                  - name: lookup
                    timeout_ms: 800
                """;

        String after = set("tools.1.timeout_ms", "800", ScalarValue.integer(1500)).apply(yaml);

        assertThat(after).isEqualTo(yaml.replace("timeout_ms: 800", "timeout_ms: 1500"));
    }

    @Test
    void offsetsStayRightAfterCharactersOutsideTheBasicPlane() {
        // SnakeYAML marks count code points; an emoji is two Java chars
        String yaml = "# \uD83D\uDE80 launch config \uD83D\uDE80\nretries:\n  max_attempts: 3 # per call\n";

        String after = set("retries.max_attempts", "3", ScalarValue.integer(5)).apply(yaml);

        assertThat(after).isEqualTo(yaml.replace("max_attempts: 3", "max_attempts: 5"));
    }

    @Test
    void windowsLineEndingsSurvive() {
        String yaml = HARNESS.replace("\n", "\r\n");

        String after = set("retries.max_attempts", "3", ScalarValue.integer(5)).apply(yaml);

        assertThat(after).isEqualTo(yaml.replace("max_attempts: 3", "max_attempts: 5"));
    }

    @Test
    void applyingTwiceChangesNothingTheSecondTime() {
        YamlSettingProposal proposal = set("tools.search.timeout_ms", "2000", ScalarValue.integer(5000));
        String once = proposal.apply(HARNESS);

        assertThat(proposal.apply(once)).as("already 5000: no edit, and no staleness error").isSameAs(once);
    }

    @Test
    void staleExpectedValueIsRefused() {
        String changedMeanwhile = HARNESS.replace("timeout_ms: 2000", "timeout_ms: 3000");

        assertThatThrownBy(() -> set("tools.search.timeout_ms", "2000", ScalarValue.integer(5000))
                .apply(changedMeanwhile))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("expected tools.search.timeout_ms to be 2000 but it is 3000");
    }

    @Test
    void missingPathIsRefusedNotAdded() {
        assertThatThrownBy(() -> set("tools.search.retries", null, ScalarValue.integer(1)).apply(HARNESS))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("has no setting tools.search.retries")
                .hasMessageContaining("never adds one");
    }

    @Test
    void changingASettingsTypeIsRefused() {
        assertThatThrownBy(() -> set("tools.search.description", null, ScalarValue.integer(1)).apply(HARNESS))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("is a string");
    }

    @Test
    void mappingIsNotASingleValue() {
        assertThatThrownBy(() -> set("tools.search", null, ScalarValue.integer(1)).apply(HARNESS))
                .isInstanceOf(ProposalConflictException.class);
    }

    @Test
    void valueSharedThroughAnAnchorIsRefused() {
        String yaml = """
                base_timeout: &t 2000
                search:
                  timeout_ms: *t
                lookup:
                  timeout_ms: *t
                """;

        assertThatThrownBy(() -> set("search.timeout_ms", null, ScalarValue.integer(5000)).apply(yaml))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("shared through a YAML anchor");
    }

    @Test
    void mappingReachedThroughAnAliasIsRefused() {
        String yaml = """
                defaults: &defaults
                  timeout_ms: 2000
                search: *defaults
                """;

        assertThatThrownBy(() -> set("search.timeout_ms", null, ScalarValue.integer(5000)).apply(yaml))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("shared");
    }

    @Test
    void valueInheritedThroughAMergeKeyIsRefused() {
        String yaml = """
                defaults: &d
                  timeout_ms: 2000
                search:
                  <<: *d
                  retries: 1
                """;

        assertThatThrownBy(() -> set("search.timeout_ms", null, ScalarValue.integer(5000)).apply(yaml))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("merge key");
    }

    @Test
    void duplicateKeysMakeTheFileAmbiguousAndAreRefused() {
        String yaml = "retries:\n  max_attempts: 3\n  max_attempts: 4\n";

        assertThatThrownBy(() -> set("retries.max_attempts", null, ScalarValue.integer(5)).apply(yaml))
                .isInstanceOf(ProposalConflictException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void previewIsAUnifiedDiffOfTheOneLine() {
        String diff = set("tools.search.timeout_ms", "2000", ScalarValue.integer(5000)).preview(HARNESS);

        assertThat(diff).startsWith("--- a/harness/tools.yaml\n+++ b/harness/tools.yaml\n@@ ")
                .contains("\n-    timeout_ms: 2000   # p99 was 1400 ms\n+    timeout_ms: 5000   # p99 was 1400 ms\n");
        assertThat(diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count()).isEqualTo(1);
    }

    @Test
    void summaryNamesPathValuesAndFile() {
        assertThat(set("tools.search.timeout_ms", "2000", ScalarValue.integer(5000)).title())
                .isEqualTo("turnloop: set tools.search.timeout_ms from 2000 to 5000 in harness/tools.yaml");
    }

    @Test
    void onlyYamlFilesAreAccepted() {
        assertThatThrownBy(() -> new YamlSettingProposal("harness/routing.json", "m", SettingPath.parse("a"), null,
                ScalarValue.integer(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
