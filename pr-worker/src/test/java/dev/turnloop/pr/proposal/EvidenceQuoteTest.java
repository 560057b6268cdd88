package dev.turnloop.pr.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.Evidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceQuoteTest {
    @Test
    void longExcerptIsCappedWithAnEllipsis() {
        String excerpt = "word ".repeat(200);

        EvidenceQuote quote = EvidenceQuote.of("c1", excerpt);

        assertThat(quote.text().codePointCount(0, quote.text().length()))
                .isEqualTo(EvidenceQuote.MAX_EXCERPT_CODE_POINTS);
        assertThat(quote.text()).endsWith("\u2026");
    }

    @Test
    void fenceAndHtmlCharactersAreNeutralised() {
        EvidenceQuote quote = EvidenceQuote.of("c1", "```\n</details> <!-- hidden --> `x`");

        assertThat(quote.text()).doesNotContain("`", "<", ">").isEqualTo(
                "\u02CB\u02CB\u02CB \u2039/details\u203A \u2039!-- hidden --\u203A \u02CBx\u02CB");
    }

    @Test
    void fullWidthLookalikesAreFoldedBeforeNeutralising() {
        assertThat(EvidenceQuote.of("c1", "\uFF1Cscript\uFF1E \uFF40").text()).isEqualTo("\u2039script\u203A \u02CB");
    }

    @Test
    void invisibleAndBidiControlsAreDroppedAndLinesJoined() {
        assertThat(EvidenceQuote.of("c1", "pay\u200Bpal\r\n\u202Egnp.exe\u202C  refund").text())
                .isEqualTo("paypal gnp.exe refund");
    }

    @Test
    void quotedFormEscapesQuotesAndBackslashes() {
        assertThat(EvidenceQuote.of("c1", "say \"hi\" \\o/").quoted()).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
    }

    @Test
    void idsSignalsAndOutcomeBecomeInertTokens() {
        Evidence evidence = Evidence.newBuilder().setConversationId("conv-1 --> <b>").setExcerpt("where is it")
                .setSignals(List.of("repair@3", "dead_end@5 <i>")).setOutcome("abandoned").build();

        assertThat(EvidenceQuote.from(evidence).describedLine())
                .isEqualTo("conv-1_--___b_ [repair@3, dead_end@5__i_] abandoned: \"where is it\"");
    }

    @Test
    void fenceIsLongerThanAnyBacktickRunInside() {
        String block = EvidenceQuote.fenced("diff", List.of("+ ```` four"), "\n");

        assertThat(block).startsWith("`````diff\n").endsWith("\n`````");
    }
}
