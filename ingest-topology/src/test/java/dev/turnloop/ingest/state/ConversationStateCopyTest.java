package dev.turnloop.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.Outcome;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A copy of a conversation state (kept to undo a turn that fails half-way) has every field's value and shares no
 * array or collection with the original, so no later change to the original reaches it. Reflection, so that a field
 * added later and forgotten in {@link ConversationState#copy()} fails here.
 */
class ConversationStateCopyTest {

    private static ConversationState everyFieldSet() {
        ConversationState s = new ConversationState();
        s.closed = true;
        s.lastEventTime = 11;
        s.closedAt = 12;
        s.conversationId = "c";
        s.tenant = "t";
        s.project = "p";
        s.userId = "u";
        s.agentName = "a";
        s.agentVersion = "av";
        s.promptVersion = "pv";
        s.harnessVersion = "hv";
        s.configVersion = "cv";
        s.userAttributes.put("plan", "trial");
        s.startedAt = 13;
        s.nextIndex = 14;
        s.skip(2, 4);
        s.rememberEventId(15);
        s.pending.add(new PendingTurn(16, 17, "json", new byte[] {1}));
        s.turns = 18;
        s.userTurns = 19;
        s.repairTurns = 20;
        s.negativeTurns = 21;
        s.escalationTurns = 22;
        s.deadEndTurns = 23;
        s.toolErrors = 24;
        s.lateTurns = 25;
        s.sentimentSum = 26.5;
        s.minSentiment = -0.5f;
        s.resolvedAtDepth = 27;
        s.resolutionReason = "rr";
        s.escalatedAtDepth = 28;
        s.escalationReason = "er";
        s.humanRequested = true;
        s.lastAgentTurnWasDeadEnd = true;
        s.lastAgentOfferedMoreHelp = true;
        s.lastAgentAskedConfirmation = true;
        s.userConfirmedAction = true;
        s.firstUserText = "hello";
        s.addTrail("REPAIR@1");
        s.rememberUserFingerprint(new byte[] {2});
        s.outcome = Outcome.COMPLETED;
        s.outcomeReason = "or";
        s.summaryRevision = 29;
        return s;
    }

    @Test
    void aCopyHasEveryValueAndSharesNothingMutable() throws IllegalAccessException {
        ConversationState original = everyFieldSet();
        ConversationState copy = original.copy();
        ConversationState fresh = new ConversationState();

        for (Field field : ConversationState.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Object value = field.get(original);
            assertThat(value).as("%s is set by this test (else it proves nothing)", field.getName())
                    .usingRecursiveComparison().isNotEqualTo(field.get(fresh));
            assertThat(field.get(copy)).as(field.getName()).usingRecursiveComparison().isEqualTo(value);
            if (value.getClass().isArray() || value instanceof Collection || value instanceof Map) {
                assertThat(field.get(copy)).as("%s is not shared", field.getName()).isNotSameAs(value);
            }
        }
    }

    @Test
    void changesToTheOriginalDoNotReachTheCopy() {
        ConversationState original = everyFieldSet();
        ConversationState copy = original.copy();
        byte[] before = ConversationStateCodec.encode(copy);

        original.rememberEventId(99);
        original.skip(30, 32);
        original.pending.clear();
        original.userAttributes.put("plan", "pro");
        original.addTrail("NEGATIVE@3");
        original.rememberUserFingerprint(new byte[] {3});
        original.turns++;

        assertThat(ConversationStateCodec.encode(copy)).isEqualTo(before);
    }
}
