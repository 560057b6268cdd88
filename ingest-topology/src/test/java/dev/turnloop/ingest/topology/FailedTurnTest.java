package dev.turnloop.ingest.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.ingest.signals.FingerprintSimilarity;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EndMarker;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.streams.DeadLetterHeaders;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A turn whose processing fails half-way (here: the redactor throws after the turn was counted) is dead-lettered and
 * leaves its conversation exactly as it was before, even though the state lives decoded in memory and was changed
 * in place: a corrected resend of that turn is processed, not dropped as a duplicate, and is counted once.
 */
class FailedTurnTest {

    @Test
    void aTurnThatFailsHalfWayLeavesItsConversationAsItWas() {
        IngestSettings settings = IngestSettings.defaults().withInactivityGap(Duration.ofMinutes(30))
                .withReorderGrace(Duration.ofSeconds(30)).withScanInterval(Duration.ofSeconds(10));
        IngestTopology.Readers readers = IngestTopology.Readers.standard(settings, new FingerprintSimilarity(),
                text -> {
                    if (text.contains("BOOM")) {
                        throw new IllegalStateException("redactor failed");
                    }
                    return text;
                });
        try (IngestHarness ingest = new IngestHarness(settings, readers)) {
            ingest.send(IngestHarness.turn("c1", 0, Role.USER, "my card never arrived").build());
            ingest.send(IngestHarness.turn("c1", 1, Role.ASSISTANT, "It ships today.").build());
            ingest.send(IngestHarness.turn("c1", 2, Role.USER, "BOOM").build());
            ingest.send(IngestHarness.turn("c1", 2, Role.USER, "thanks, that fixed it!").setEventId("c1#2-again")
                    .build());
            ingest.send(IngestHarness.turn("c1", 3, Role.ASSISTANT, "Glad to help.")
                    .setEnd(EndMarker.newBuilder().setReason(EndReason.RESOLVED).build()).build());

            assertThat(ingest.deadLetters.readRecordsToList()).singleElement().satisfies(letter ->
                    assertThat(IngestHarness.header(letter, DeadLetterHeaders.REASON)).isEqualTo("PROCESSING_FAILED"));
            assertThat(ingest.enriched.readValuesToList()).extracting(e -> e.getTurn().getText())
                    .as("the failed turn failed before its output; its resend is not taken for a duplicate")
                    .containsExactly("my card never arrived", "It ships today.", "thanks, that fixed it!",
                            "Glad to help.");
            ConversationSummary summary = ingest.summariesOf("c1").get(0);
            assertThat(summary.getTurns()).as("turns counted, the failed one not among them").isEqualTo(4);
            assertThat(summary.getUserTurns()).isEqualTo(2);
            assertThat(summary.getFirstUserText()).doesNotContain("BOOM");
        }
    }
}
