package dev.turnloop.ingest.topology;

import static dev.turnloop.ingest.topology.IngestHarness.T0;
import static dev.turnloop.ingest.topology.IngestHarness.turn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EndMarker;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.Feedback;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.SignalEvent;
import dev.turnloop.schemas.SignalKind;
import dev.turnloop.schemas.Thumbs;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.streams.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IngestTopologyTest {

    private final IngestHarness ingest = new IngestHarness();

    @AfterEach
    void close() {
        ingest.close();
    }

    private List<Integer> enrichedIndices(String conversation) {
        return ingest.enriched.readValuesToList().stream()
                .filter(e -> e.getTurn().getConversationId().equals(conversation))
                .map(e -> e.getTurn().getTurnIndex()).toList();
    }

    private ConversationSummary closeAndSummarize(String conversation) {
        ingest.advanceEventTimeTo(T0.plus(Duration.ofHours(2)));
        List<ConversationSummary> summaries = ingest.summariesOf(conversation);
        assertThat(summaries).as("one summary for %s", conversation).hasSize(1);
        return summaries.get(0);
    }

    @Nested
    class OrderingAndDuplicates {

        @Test
        void aRetriedTurnWithTheSameEventIdIsDroppedOnce() {
            ingest.dialogue("c1", "where is my order?", "It ships tomorrow.");
            ingest.send(turn("c1", 1, Role.ASSISTANT, "It ships tomorrow.").build());

            assertThat(enrichedIndices("c1")).containsExactly(0, 1);
        }

        @Test
        void aSecondEventForTheSameTurnIndexIsDropped() {
            ingest.dialogue("c1", "where is my order?");
            ingest.send(turn("c1", 0, Role.USER, "where is my order?").setEventId("other-id").build());

            assertThat(enrichedIndices("c1")).containsExactly(0);
        }

        @Test
        void turnsArrivingOutOfOrderAreReleasedInOrderAndFlagged() {
            ingest.send(turn("c1", 1, Role.ASSISTANT, "Sure, which city?").build());
            ingest.send(turn("c1", 2, Role.USER, "Paris").build());
            assertThat(ingest.enriched.isEmpty()).as("held while turn 0 is missing").isTrue();

            ingest.send(turn("c1", 0, Role.USER, "book me a hotel").build());

            List<EnrichedTurn> out = ingest.enriched.readValuesToList();
            assertThat(out).extracting(e -> e.getTurn().getTurnIndex()).containsExactly(0, 1, 2);
            assertThat(out).extracting(EnrichedTurn::getReordered).containsExactly(false, true, true);
        }

        @Test
        void aMissingTurnStopsHoldingItsSuccessorsAfterTheReorderGrace() {
            ingest.send(turn("c1", 0, Role.USER, "book me a hotel").build());
            ingest.send(turn("c1", 2, Role.USER, "in Paris please").build());
            assertThat(enrichedIndices("c1")).containsExactly(0);

            ingest.advanceEventTimeTo(T0.plusSeconds(120));

            assertThat(enrichedIndices("c1")).containsExactly(2);
        }

        @Test
        void aTurnAfterTheConversationClosedIsAttachedAndFlaggedNotLost() {
            ingest.dialogue("c1", "book a table", "Your table is booked for 7pm.", "thanks!");
            closeAndSummarize("c1");
            ingest.enriched.readValuesToList();

            ingest.send(turn("c1", 3, Role.USER, "oh and one more thing").setEventTime(T0.plus(Duration.ofHours(3)))
                    .build());

            List<EnrichedTurn> late = ingest.enriched.readValuesToList();
            assertThat(late).hasSize(1);
            assertThat(late.get(0).getAfterClose()).isTrue();
            assertThat(ingest.signals.readValuesToList()).extracting(SignalEvent::getKind)
                    .contains(SignalKind.LATE_TURN);
        }
    }

    @Nested
    class Outcomes {

        @Test
        void agentConfirmationThenWarmClosingIsCompletedAtTheConfirmationDepth() {
            ingest.dialogue("c1", "I need a table for two tonight", "Which restaurant?", "Luigi's at 7",
                    "Your table at Luigi's is booked for 7pm.", "great, thanks!", "You're welcome!");

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getOutcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(summary.getTurnDepth()).as("depth to resolution").isEqualTo(4);
            assertThat(summary.getOutcomeReason()).isEqualTo("agent_confirmed_success");
        }

        @Test
        void decliningAFollowUpOfferAfterSuccessKeepsTheConversationCompleted() {
            ingest.dialogue("c1", "I need a table for two tonight", "Your table at Luigi's is booked for 7pm. "
                    + "Would you like me to book a cab too?", "No, I am fine.", "Have a lovely evening!");

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getOutcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(summary.getOutcomeReason()).isEqualTo("agent_confirmed_success");
        }

        @Test
        void anExplicitCorrectionAfterSuccessReopensTheConversation() {
            ingest.dialogue("c1", "I need a table for two at 7", "Your table at Luigi's is booked for 6pm.",
                    "No, that's not what I asked, I said 7");

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getOutcome()).isNotEqualTo(Outcome.COMPLETED);
        }

        @Test
        void anAgentReportingAFailedActionAfterTheUserConfirmedIsNoSuccess() {
            ingest.dialogue("c1", "book a viewing of the apartment on March 10th", "Please confirm: a viewing on "
                    + "March 10th?", "Yes, that's correct.", "Sorry, the booking was unsuccessful. Is there anything "
                    + "else I can help you with?");

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getOutcome()).isNotEqualTo(Outcome.COMPLETED);
            assertThat(summary.getOutcomeReason()).doesNotContain("confirmed_action", "agent_confirmed_success");
        }

        @Test
        void anIdleUnresolvedConversationIsAbandonedAfterTheGapInEventTime() {
            ingest.dialogue("c1", "how do I export my data?", "Go to Settings and pick Export.");

            ingest.advanceEventTimeTo(T0.plus(Duration.ofMinutes(10)));
            assertThat(ingest.summariesOf("c1")).as("not idle long enough").isEmpty();
            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getOutcome()).isEqualTo(Outcome.ABANDONED);
            assertThat(summary.getOutcomeReason()).startsWith("inactivity");
            assertThat(summary.getClosedAt()).isEqualTo(T0.plusSeconds(20).plus(Duration.ofMinutes(30)));
        }

        @Test
        void anEndMarkerClosesAtOnce() {
            ingest.dialogue("c1", "reset my password", "Done, check your inbox.");
            ingest.send(turn("c1", 2, Role.USER, "got it").setEnd(new EndMarker(EndReason.RESOLVED)).build());

            List<ConversationSummary> summaries = ingest.summariesOf("c1");

            assertThat(summaries).hasSize(1);
            assertThat(summaries.get(0).getOutcome()).isEqualTo(Outcome.COMPLETED);
        }

        @Test
        void aHumanAgentTakingOverIsAnEscalation() {
            ingest.dialogue("c1", "my account is locked", "I can't help with account locks.",
                    "let me talk to a human");
            ingest.send(turn("c1", 3, Role.HUMAN_AGENT, "Hi, this is Sam from support.").build());

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getOutcome()).isEqualTo(Outcome.ESCALATED);
            assertThat(summary.getEscalationTurns()).as("the request for a human").isEqualTo(1);
            assertThat(summary.getDeadEndTurns()).isEqualTo(1);
        }

        @Test
        void positiveFeedbackResolves() {
            ingest.dialogue("c1", "what are your opening hours?", "We are open 9 to 5.");
            ingest.send(turn("c1", 2, Role.USER, "")
                    .setFeedback(Feedback.newBuilder().setThumbs(Thumbs.UP).build()).build());

            assertThat(closeAndSummarize("c1").getOutcome()).isEqualTo(Outcome.COMPLETED);
        }

        @Test
        void aSuccessfulResolutionToolCallResolves() {
            ingest.dialogue("c1", "cancel my subscription");
            ingest.send(turn("c1", 1, Role.ASSISTANT, "Okay.").setToolCalls(List.of(ToolCall.newBuilder()
                    .setName("close_ticket").setStatus(ToolStatus.OK).build())).build());

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getOutcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(summary.getOutcomeReason()).isEqualTo("resolution_tool:close_ticket");
        }

        @Test
        void aDeadEndThenSilenceIsAbandonedAfterTheDeadEnd() {
            ingest.dialogue("c1", "can you refund my order?", "Sorry, I can't help with refunds.");

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getOutcome()).isEqualTo(Outcome.ABANDONED);
            assertThat(summary.getOutcomeReason()).isEqualTo("inactivity_after_dead_end");
            assertThat(summary.getSignalTrail()).contains("dead_end@1");
        }

        @Test
        void aComplaintAfterAClaimedSuccessWithdrawsTheResolution() {
            ingest.dialogue("c1", "change my address", "Your address has been updated.",
                    "that's not what I asked, I wanted the billing address");

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getOutcome()).isEqualTo(Outcome.ABANDONED);
            assertThat(summary.getRepairTurns()).isEqualTo(1);
        }
    }

    @Nested
    class Signals {

        @Test
        void explicitRepairPhrasesAreRepairs() {
            ingest.dialogue("c1", "I want to cancel my flight", "Here are flights to Cancun.",
                    "No, I meant cancel my booking");

            EnrichedTurn repair = ingest.enriched.readValuesToList().get(2);

            assertThat(repair.getSignals().getRepair()).isTrue();
            assertThat(repair.getSignals().getRepairKind()).isEqualTo("explicit_phrase");
        }

        @Test
        void aRepeatedRequestIsARepair() {
            ingest.dialogue("c1", "How do I connect my Slack workspace to the dashboard?",
                    "You can invite teammates from the members page.",
                    "how do I connect my slack workspace to the dashboard");

            EnrichedTurn repeated = ingest.enriched.readValuesToList().get(2);

            assertThat(repeated.getSignals().getRepair()).isTrue();
            assertThat(repeated.getSignals().getRepairKind()).isEqualTo("repeated_request");
        }

        @Test
        void anUnrelatedFollowUpIsNotARepair() {
            ingest.dialogue("c1", "How do I connect my Slack workspace?", "Open Integrations and click Slack.",
                    "Great. Also, what does the pro plan cost per month?");

            assertThat(ingest.enriched.readValuesToList().get(2).getSignals().getRepair()).isFalse();
        }

        @Test
        void angryTurnsAreNegative() {
            ingest.dialogue("c1", "This is useless, I'm so frustrated, nothing works!");

            EnrichedTurn angry = ingest.enriched.readValuesToList().get(0);

            assertThat(angry.getSignals().getNegative()).isTrue();
            assertThat(angry.getSignals().getSentiment()).isLessThan(-0.3f);
        }

        @Test
        void askingForAHumanIsAnEscalationRequestAndRaisesASignal() {
            ingest.dialogue("c1", "can I speak to a real person please");

            assertThat(ingest.enriched.readValuesToList().get(0).getSignals().getEscalationRequest()).isTrue();
            assertThat(ingest.signals.readValuesToList()).extracting(SignalEvent::getKind)
                    .containsExactly(SignalKind.ESCALATION_REQUEST);
        }

        @Test
        void failedToolCallsAreCountedByName() {
            ingest.dialogue("c1", "find my invoice");
            ingest.send(turn("c1", 1, Role.ASSISTANT, "One moment.").setToolCalls(List.of(ToolCall.newBuilder()
                    .setName("search_invoices").setStatus(ToolStatus.TIMEOUT).build())).build());

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getToolErrors()).isEqualTo(1);
            assertThat(summary.getSignalTrail()).contains("tool_error:search_invoices@1");
            assertThat(summary.getOutcomeReason()).isEqualTo("inactivity_after_tool_error");
        }

        @Test
        void theSummaryKeepsTheRequestRedactedAndTheCohort() {
            ingest.dialogue("c1", "my email is jane.doe@example.com and my card 4111 1111 1111 1111 was charged twice");

            ConversationSummary summary = closeAndSummarize("c1");

            assertThat(summary.getFirstUserText()).doesNotContain("jane.doe@example.com")
                    .doesNotContain("4111 1111 1111 1111").contains("charged twice");
            assertThat(summary.getCohort().getPromptVersion()).isEqualTo("p1");
            assertThat(summary.getCohort().getSegment()).isEqualTo("plan=trial,user_type=new");
        }
    }

    @Nested
    class DeadLetters {

        private TestRecord<byte[], byte[]> onlyDeadLetter() {
            List<TestRecord<byte[], byte[]>> records = ingest.deadLetters.readRecordsToList();
            assertThat(records).hasSize(1);
            return records.get(0);
        }

        @Test
        void malformedBytesAreDeadLetteredWithTheirOriginalBytesAndTheTopologyKeepsRunning() {
            byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
            ingest.rawTurns.pipeInput("k".getBytes(StandardCharsets.UTF_8), garbage);
            ingest.dialogue("c1", "still working?");

            TestRecord<byte[], byte[]> dead = onlyDeadLetter();
            assertThat(dead.value()).isEqualTo(garbage);
            assertThat(IngestHarness.header(dead, DeadLetterHeaders.REASON)).isEqualTo("MALFORMED_BYTES");
            assertThat(IngestHarness.header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(ingest.topics.turns.name());
            assertThat(enrichedIndices("c1")).containsExactly(0);
        }

        @Test
        void anUnknownSchemaIdIsDeadLettered() {
            byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 1, 2, 3};
            ingest.rawTurns.pipeInput(null, unknownId);

            assertThat(IngestHarness.header(onlyDeadLetter(), DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_SCHEMA_ID");
        }

        @Test
        void aNegativeTurnIndexIsDeadLettered() {
            ingest.send(turn("c1", -1, Role.USER, "hi").build());

            assertThat(IngestHarness.header(onlyDeadLetter(), DeadLetterHeaders.REASON))
                    .isEqualTo("NEGATIVE_TURN_INDEX");
        }

        @Test
        void anEventTimeFarInTheFutureIsDeadLettered() {
            var future = turn("c1", 0, Role.USER, "hi").setEventTime(IngestHarness.WALL_CLOCK.plus(Duration.ofDays(3)))
                    .build();
            // produced now (CreateTime = wall clock), claiming an event time three days ahead
            ingest.turns.pipeInput("c1", future, IngestHarness.WALL_CLOCK);

            assertThat(IngestHarness.header(onlyDeadLetter(), DeadLetterHeaders.REASON))
                    .isEqualTo("EVENT_TIME_IN_FUTURE");
        }

        @Test
        void oversizeTextIsDeadLettered() {
            ingest.send(turn("c1", 0, Role.USER, "x".repeat(40_000)).build());

            assertThat(IngestHarness.header(onlyDeadLetter(), DeadLetterHeaders.REASON)).isEqualTo("OVERSIZE_TEXT");
        }

        @Test
        void jsonWithoutAConversationIdIsDeadLettered() {
            String json = "{\"turn_index\":0,\"role\":\"user\",\"text\":\"hi\",\"event_time\":1793527200000}";
            ingest.jsonTurns.pipeInput("c1", json);

            TestRecord<byte[], byte[]> dead = onlyDeadLetter();
            assertThat(IngestHarness.header(dead, DeadLetterHeaders.REASON)).isEqualTo("MISSING_REQUIRED_FIELD");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(json);
        }

        @Test
        void anOtlpSpanThatIsNotGenAiIsDeadLetteredAsUnmappable() {
            String notGenAi = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[]},\"scopeSpans\":[{\"spans\":[{"
                    + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
                    + "\"name\":\"GET /health\",\"startTimeUnixNano\":\"1793527200000000000\","
                    + "\"endTimeUnixNano\":\"1793527200100000000\",\"attributes\":[]}]}]}]}";
            ingest.otlp.pipeInput(null, notGenAi.getBytes(StandardCharsets.UTF_8));

            assertThat(IngestHarness.header(onlyDeadLetter(), DeadLetterHeaders.REASON)).isEqualTo("UNMAPPABLE_SPAN");
        }
    }

    @Nested
    class Inputs {

        @Test
        void jsonTurnsAreEnrichedLikeAvroOnes() {
            ingest.jsonTurns.pipeInput("c9", "{\"event_id\":\"e1\",\"conversation_id\":\"c9\",\"turn_index\":0,"
                    + "\"role\":\"user\",\"text\":\"hello there\",\"event_time\":\"2026-11-01T10:00:00Z\"}");

            List<EnrichedTurn> out = ingest.enriched.readValuesToList();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).getSource()).isEqualTo("json");
        }

        @Test
        void aTurnKeyedByAnythingButItsConversationIsRepartitionedAndStillProcessed() {
            var turn = turn("c1", 0, Role.USER, "hi").build();
            ingest.turns.pipeInput("wrong-key", turn, turn.getEventTime());

            assertThat(ingest.enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("c1");
        }
    }
}
