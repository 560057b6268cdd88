package dev.turnloop.ingest.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Asking for something other than what was offered, as opposed to a new request or a closing. */
class AskForAlternativeTest {

    private static boolean asks(String raw) {
        return RawText.matches(Cues.ASK_FOR_ALTERNATIVE, raw);
    }

    @Test
    void requestsForAlternativesAreAsks() {
        for (String text : List.of("Are there any other flights?", "What other hotels did you find?",
                "Could you help me find another restaurant?", "Show me another one", "Are any others available?",
                "What else do you have?", "Who else is playing?", "Is there another way to do this?",
                "I'd like something different", "Search for something else.", "None of these work for me",
                "Can you suggest another plan instead?")) {
            assertThat(asks(text)).as(text).isTrue();
        }
    }

    @Test
    void newRequestsAndClosingsAreNot() {
        for (String text : List.of("I have another question about billing", "Can you find me another issue like this?",
                "I don't need anything else, thanks", "Thanks, that's all", "Other than that it works",
                "Book the table for two", "My other account is fine")) {
            assertThat(asks(text)).as(text).isFalse();
        }
    }
}
