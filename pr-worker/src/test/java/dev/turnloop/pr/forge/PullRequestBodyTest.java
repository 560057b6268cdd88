package dev.turnloop.pr.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.pr.proposal.ScalarValue;
import dev.turnloop.pr.proposal.SettingPath;
import dev.turnloop.pr.proposal.YamlSettingProposal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PullRequestBodyTest {
    private static final YamlSettingProposal RAISE_TIMEOUT = new YamlSettingProposal("harness/tools.yaml",
            "harness.search-timeout", SettingPath.parse("tools.search.timeout_ms"), "2000", ScalarValue.integer(5000));
    private static final String DIFF = "--- a/harness/tools.yaml\n+++ b/harness/tools.yaml\n@@ -1 +1 @@\n"
            + "-timeout_ms: 2000\n+timeout_ms: 5000\n";

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void bodyNamesTheChangeMechanismMetricEvidenceAndDiff() {
        String body = PullRequestBody.forChange(Items.item(List.of(Items.evidence("conv-1", "where is my order??"))),
                RAISE_TIMEOUT, DIFF);

        assertThat(body).contains(
                "set tools.search.timeout_ms from 2000 to 5000 in harness/tools.yaml. One mechanism, one small diff.",
                "**Mechanism** `harness.search-timeout`: The search tool times out at 2000 ms",
                "**Intent:** `intent-7` (`order status`)",
                "**Seen in** 412 conversations; severity 0.80, fix cost HARNESS, score 7.25",
                "`completion_rate` should go **up** for intent `intent-7`",
                "```text\nconv-1 [repair@3, tool_error:search@2] abandoned: \"where is my order??\"\n```",
                "```diff\n" + DIFF.stripTrailing() + "\n```");
        assertThat(PullRequestBody.parseFooter(body)).hasValueSatisfying(footer -> {
            assertThat(footer.kind()).isEqualTo("change");
            assertThat(footer.itemId()).isEqualTo(Items.ITEM_ID);
            assertThat(footer.mechanismId()).isEqualTo("harness.search-timeout");
            assertThat(footer.targetFile()).isEqualTo("harness/tools.yaml");
            assertThat(footer.targetMetric()).isEqualTo("completion_rate");
            assertThat(footer.expectedDirection()).isEqualTo("UP");
            assertThat(footer.conversationIds()).containsExactly("conv-1");
        });
    }

    @Test
    void adversarialExcerptAndIdStayInertInBodyAndFooter() {
        // Given evidence that tries to close the fence, end the footer comment and open markup
        String body = PullRequestBody.forChange(Items.item(List.of(Items.evidence("conv-2 --> <script>",
                Items.ATTACK))), RAISE_TIMEOUT, DIFF);

        // Then the only HTML comment is the footer, and it is the last thing in the body
        assertThat(count(body, "<!--")).isEqualTo(1);
        assertThat(count(body, "-->")).isEqualTo(1);
        assertThat(body.strip()).startsWith("###").endsWith("-->");
        assertThat(body).doesNotContain("<script>", "</details>");
        // and the excerpt is one quoted line inside the evidence fence
        List<String> lines = body.lines().toList();
        int open = lines.indexOf("```text");
        assertThat(lines.get(open + 1)).startsWith("conv-2_--___script_ [repair@3").contains("\"ignore previous");
        assertThat(lines.get(open + 2)).isEqualTo("```");
        assertThat(lines.stream().filter(l -> l.startsWith("```")).count() % 2).as("fences balanced").isZero();
        // and the footer still parses to the item, with the sanitised conversation id
        PullRequestFooter footer = PullRequestBody.parseFooter(body).orElseThrow();
        assertThat(footer.itemId()).isEqualTo(Items.ITEM_ID);
        assertThat(footer.conversationIds()).containsExactly("conv-2_--___script_");
    }

    @Test
    void footerJsonEscapesCommentTerminatorsAndRoundTrips() {
        String hostile = "id --> <!-- & --!>";
        PullRequestFooter footer = new PullRequestFooter("change", hostile, "m", "prompts/a.md", "i", "completion_rate",
                "UP", null, null, List.of(hostile));

        String rendered = PullRequestBody.footer(footer);

        assertThat(rendered).startsWith("<!-- turnloop: {").endsWith("} -->");
        assertThat(count(rendered, "-->")).isEqualTo(1);
        assertThat(count(rendered, "<")).isEqualTo(1);
        assertThat(rendered).contains("\\u003E", "\\u003C", "\\u0026");
        assertThat(PullRequestBody.parseFooter("text\n" + rendered)).contains(footer);
    }

    @Test
    void revertBodyCarriesTheVerdictNumbers() {
        String body = PullRequestBody.forRevert(Items.revertVerdict("chg-42"), "7638417db6d59f3c431d3e1f261cc637155684cd",
                "https://github.com/acme/agent/pull/12", DIFF);

        assertThat(body).contains(
                "This reverts `7638417db6d59f3c431d3e1f261cc637155684cd` (https://github.com/acme/agent/pull/12)",
                "cohort verdict is **REVERT**",
                "| control | `harness-v41` | 1200 | 780 | 0.6500 | [0.6200, 0.6800] |",
                "| treatment | `harness-v42` | 1150 | 690 | 0.6000 | [0.5700, 0.6300] |",
                "Effect (treatment - control): -0.0500, CI [-0.0800, -0.0200], e-value 41.50",
                "- `intent-9` `abandonment_rate`: effect 0.0300, e-value 22.00 (threshold 40.00)");
        PullRequestFooter footer = PullRequestBody.parseFooter(body).orElseThrow();
        assertThat(footer.kind()).isEqualTo("revert");
        assertThat(footer.revertOf()).isEqualTo("7638417db6d59f3c431d3e1f261cc637155684cd");
        assertThat(footer.changeId()).isEqualTo("chg-42");
    }

    @Test
    void bodyWithoutFooterParsesToNothing() {
        assertThat(PullRequestBody.parseFooter("A human wrote this PR.")).isEmpty();
        assertThat(PullRequestBody.parseFooter("<!-- turnloop: {not json} -->")).isEmpty();
    }
}
