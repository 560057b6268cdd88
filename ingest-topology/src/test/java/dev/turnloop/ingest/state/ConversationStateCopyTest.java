package dev.turnloop.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void aCopyHasEveryValueAndSharesNothingMutable() throws IllegalAccessException {
        ConversationState original = ConversationStates.everyFieldSet("copy");
        ConversationState copy = original.copy();
        ConversationState fresh = new ConversationState();

        for (Field field : ConversationState.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Object value = field.get(original);
            assertThat(value).as("%s is set by the fixture (else this proves nothing)", field.getName())
                    .usingRecursiveComparison().isNotEqualTo(field.get(fresh));
            assertThat(field.get(copy)).as(field.getName()).usingRecursiveComparison().isEqualTo(value);
            if (value.getClass().isArray() || value instanceof Collection || value instanceof Map) {
                assertThat(field.get(copy)).as("%s is not shared", field.getName()).isNotSameAs(value);
            }
        }
    }

    @Test
    void changesToTheOriginalDoNotReachTheCopy() {
        ConversationState original = ConversationStates.everyFieldSet("copy");
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
