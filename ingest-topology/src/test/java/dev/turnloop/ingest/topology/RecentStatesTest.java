package dev.turnloop.ingest.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.schemas.EndMarker;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.serde.TrustedContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decoded states the conversation processor keeps in front of its store are a cache only: with none, with a few
 * (constant eviction) or with many, the same input gives the same enriched turns, signals and summaries, through
 * duplicates, reordering, reorder waits that expire, idle closes, late turns and forgotten conversations.
 */
class RecentStatesTest {

    private static final List<String> USER = List.of(
            "my card never arrived and I need it for a trip next week",
            "that's not what I asked, I need the card delivery date",
            "my card never arrived, I need it for my trip next week",
            "This is useless, I want to talk to a real person",
            "no, something else please",
            "thanks, that fixed it!",
            "ok");
    private static final List<String> AGENT = List.of(
            "Your replacement card has been sent and will arrive in 3 days.",
            "I'm sorry, I can't help with that.",
            "Would you like me to connect you to an agent?",
            "Please confirm the delivery address.",
            "Is there anything else I can help you with?",
            "I'm transferring you to a human agent now.");

    private record Outputs(List<String> enriched, List<String> signals, List<String> summaries) {
    }

    @Test
    void outputsDoNotDependOnHowManyStatesAreKept() {
        List<Step> steps = script(new Random(7), 60);

        Outputs none = run(steps, 0);
        Outputs few = run(steps, 3);
        Outputs many = run(steps, 2_048);

        assertThat(none.enriched()).hasSizeGreaterThan(300);
        assertThat(none.signals()).hasSizeGreaterThan(50);
        assertThat(none.summaries()).hasSizeGreaterThan(40);
        assertThat(few).isEqualTo(none);
        assertThat(many).isEqualTo(none);
    }

    /** A turn to send, or (null turn) a move of the wall clock by one scan interval. */
    private record Step(TurnEvent turn) {
    }

    private static List<Step> script(Random random, int conversations) {
        TrustedContract.install(); // Avro builders read defaults only of trusted classes
        List<TurnEvent> turns = new ArrayList<>();
        Instant start = IngestHarness.T0;
        for (int c = 0; c < conversations; c++) {
            String id = "c" + c;
            int length = 3 + random.nextInt(8);
            boolean ends = random.nextInt(3) > 0;
            Instant first = start.plusSeconds(random.nextInt(600));
            for (int i = 0; i < length; i++) {
                Role role = i % 2 == 0 ? Role.USER : Role.ASSISTANT;
                List<String> texts = role == Role.USER ? USER : AGENT;
                TurnEvent.Builder turn = IngestHarness.turn(id, i, role, texts.get(random.nextInt(texts.size())))
                        .setEventTime(first.plusSeconds(15L * i));
                if (ends && i == length - 1) {
                    turn.setEnd(EndMarker.newBuilder().setReason(random.nextBoolean() ? EndReason.RESOLVED
                            : EndReason.USER_LEFT).build());
                }
                turns.add(turn.build());
            }
        }
        turns.sort((a, b) -> a.getEventTime().compareTo(b.getEventTime()));
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            if (i + 1 < turns.size() && random.nextInt(12) == 0) {
                Collections.swap(turns, i, i + 1); // out of order: held until its predecessor comes
            }
            steps.add(new Step(turns.get(i)));
            if (random.nextInt(15) == 0) {
                steps.add(new Step(turns.get(random.nextInt(i + 1)))); // a duplicate of an earlier turn
            }
            if (random.nextInt(40) == 0) {
                steps.add(new Step(null));
            }
        }
        // much later: idle conversations close, turns after the close arrive, then closed ones are forgotten
        Instant later = turns.get(turns.size() - 1).getEventTime().plus(Duration.ofHours(1));
        steps.add(new Step(IngestHarness.turn("late-clock", 0, Role.USER, "hello").setEventTime(later).build()));
        steps.add(new Step(null));
        for (int c = 0; c < conversations; c += 7) {
            steps.add(new Step(IngestHarness.turn("c" + c, 20, Role.USER, "are you still there?")
                    .setEventTime(later.plusSeconds(c)).build()));
        }
        steps.add(new Step(IngestHarness.turn("forget-clock", 0, Role.USER, "hello")
                .setEventTime(later.plus(Duration.ofDays(2))).build()));
        steps.add(new Step(null));
        steps.add(new Step(IngestHarness.turn("c0", 0, Role.USER, "a new conversation under an old id")
                .setEventTime(later.plus(Duration.ofDays(2)).plusSeconds(5)).setEventId("c0-again").build()));
        return steps;
    }

    private static Outputs run(List<Step> steps, int recentStates) {
        IngestSettings settings = IngestSettings.defaults().withInactivityGap(Duration.ofMinutes(30))
                .withReorderGrace(Duration.ofSeconds(30)).withScanInterval(Duration.ofSeconds(10))
                .withRecentStates(recentStates);
        try (IngestHarness ingest = new IngestHarness(settings)) {
            for (Step step : steps) {
                if (step.turn() == null) {
                    ingest.driver.advanceWallClockTime(settings.scanInterval().plusSeconds(1));
                } else {
                    ingest.send(step.turn());
                }
            }
            return new Outputs(
                    ingest.enriched.readValuesToList().stream().map(Object::toString).toList(),
                    ingest.signals.readValuesToList().stream().map(Object::toString).toList(),
                    ingest.summaries.readValuesToList().stream().map(Object::toString).toList());
        }
    }
}
