package dev.turnloop.ingest.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of {@link Cue#in} must never hide a match: wherever a cue's pattern matches ({@code find} over the
 * whole text), its triggers fire and trying the pattern at word starts, apostrophes and the start finds it too.
 */
class CueTriggersTest {

    private static List<Cue> allCues() throws IllegalAccessException {
        List<Cue> cues = new ArrayList<>();
        for (Field field : Cues.class.getDeclaredFields()) {
            if (field.getType() == Cue.class) {
                field.setAccessible(true);
                cues.add((Cue) field.get(null));
            }
        }
        return cues;
    }

    private static void assertTriggersCover(List<String> texts) throws IllegalAccessException {
        List<Cue> cues = allCues();
        assertThat(cues).hasSizeGreaterThan(10);
        for (String raw : texts) {
            String text = Cues.normalise(raw);
            Words words = Words.of(text);
            for (Cue cue : cues) {
                boolean matches = cue.matchesIgnoringTriggers(text);
                if (matches) {
                    assertThat(cue.triggered(text, words)).as("triggers of a cue matching: %s", raw).isTrue();
                }
                assertThat(cue.in(text, words)).as("cue %s in: %s", cue, raw).isEqualTo(matches);
            }
        }
    }

    @Test
    void capturingGroupsBecomeNonCapturingAndNothingElseChanges() {
        assertThat(Cue.withoutCaptures("\\b(a|b)\\(c\\)[(x]y(?!z)(?:w)"))
                .isEqualTo("\\b(?:a|b)\\(c\\)[(x]y(?!z)(?:w)");
        assertThatThrownBy(() -> Cue.withoutCaptures("(a)\\1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void triggersCoverEveryMatchInHandWrittenPhrases() throws IllegalAccessException {
        assertTriggersCover(List.of(
                "That's not what I asked", "No, I meant the other one", "I already told you", "you're not listening",
                "Let me rephrase", "for the third time", "Can you show me other options?", "none of these work",
                "I want to talk to a real person", "I'm transferring you to a human agent",
                "A support agent will be with you shortly", "Would you like me to connect you to someone?",
                "Sorry, I can't help with that", "Something went wrong with the booking", "It is not supported",
                "Your table has been booked", "It's all been booked for you!", "The transfer was successful",
                "Your cab is on its way", "You're all set", "I've reset your password", "Confirmation complete",
                "Appointment scheduled.", "You got your tickets", "It worked, thanks", "works now",
                "Is there anything else I can help you with?", "Please confirm the details", "Thanks, bye!",
                "Can I do something more for you?", "Your reservation was cancelled as requested."));
    }

    @Test
    void triggersCoverEveryMatchInRealConversations() throws IOException, IllegalAccessException {
        Path dev = Path.of(System.getProperty("turnloop.data.dir", "../../shared/data"), "sgd", "dev-turns.jsonl.gz");
        assumeTrue(Files.isRegularFile(dev), "SGD dev turns not found at " + dev);
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dev)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                texts.add(json.readTree(line).path("text").asText());
            }
        }
        assertTriggersCover(texts);
    }
}
