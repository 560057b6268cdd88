package dev.turnloop.pr.backlog;

import static dev.turnloop.pr.TestBreaches.breach;
import static dev.turnloop.pr.TestBreaches.evidence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.pr.mechanism.Diagnosis;
import dev.turnloop.pr.mechanism.Mechanism;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.Direction;
import dev.turnloop.schemas.Evidence;
import dev.turnloop.schemas.FixCost;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BacklogItemsTest {
    private static final ScoringSettings SCORING = ScoringSettings.defaults();
    private static final Diagnosis TIMEOUT = new Diagnosis(Mechanism.TOOL_TIMEOUT, "search", "search times out",
            FixCost.HARNESS, List.of());
    private final BacklogItems items = new BacklogItems(SCORING, 3);

    private static Breach inSegment(Breach.Builder breach, String ruleId, String segment) {
        return breach.setBreachId(ruleId + "|" + breach.getIntentId() + "|" + segment).setRuleId(ruleId)
                .setCohort(Cohort.newBuilder().setSegment(segment).build()).build();
    }

    @Test
    void frequencyIsTheLargestContributionPerSegmentSummedOverSegments() {
        // Given two rules on the trial segment (same people) and one on the pro segment
        List<Contribution> contributions = List.of(
                Contribution.of(inSegment(breach("i", "abandonment_rate", 0.4, 100, List.of()), "abandon", "trial"), SCORING),
                Contribution.of(inSegment(breach("i", "escalation_rate", 0.1, 100, List.of()), "escalate", "trial"), SCORING),
                Contribution.of(inSegment(breach("i", "abandonment_rate", 0.5, 30, List.of()), "abandon", "pro"), SCORING));

        // Then trial counts max(40, 10) = 40, pro 15
        assertThat(BacklogItems.frequency(contributions)).isEqualTo(55);
    }

    @Test
    void aCompletionBreachCountsTheConversationsThatDidNotComplete() {
        Breach breach = breach("i", "completion_rate", 0.7, 200, List.of()).build();

        BacklogItem item = items.withBreach(null, breach, TIMEOUT, List.of(Contribution.of(breach, SCORING)),
                Instant.EPOCH);

        assertThat(item.getFrequency()).as("(1 - 0.7) * 200").isEqualTo(60);
        assertThat(item.getTargetMetric()).isEqualTo("completion_rate");
        assertThat(item.getExpectedDirection()).isEqualTo(Direction.UP);
    }

    @Test
    void aNewItemIsOpenKeyedByIntentAndMechanismWithTheDiagnosis() {
        Breach breach = breach("intent-search", "abandonment_rate", 0.4, 100, List.of()).setIntentLabel("search")
                .build();

        BacklogItem item = items.withBreach(null, breach, TIMEOUT, List.of(Contribution.of(breach, SCORING)),
                Instant.EPOCH);

        assertThat(item.getItemId()).isEqualTo("intent-search|harness.tool-timeout:search");
        assertThat(item.getStatus()).isEqualTo(BacklogStatus.OPEN);
        assertThat(item.getMechanism()).isEqualTo("search times out");
        assertThat(item.getMechanismKnown()).isTrue();
        assertThat(item.getFixCost()).isEqualTo(FixCost.HARNESS);
        assertThat(item.getTargetMetric()).isEqualTo("abandonment_rate");
        assertThat(item.getExpectedDirection()).isEqualTo(Direction.DOWN);
        assertThat(item.getIntentLabel()).isEqualTo("search");
        assertThat(item.getBreachIds()).containsExactly(breach.getBreachId());
    }

    @Test
    void evidenceIsNewestFirstOnePerConversationCappedAndRedacted() {
        // Given an item with evidence from a first breach
        Breach first = breach("i", "abandonment_rate", 0.4, 100, List.of(evidence("a", "old a", "abandoned"),
                evidence("b", "old b", "abandoned"))).build();
        BacklogItem item = items.withBreach(null, first, TIMEOUT, List.of(Contribution.of(first, SCORING)),
                Instant.EPOCH);

        // When a second breach brings a repeat of b and a new c whose excerpt holds an e-mail address
        Breach second = breach("i", "abandonment_rate", 0.4, 100, List.of(evidence("c", "mail me at ann@example.com",
                "abandoned"), evidence("b", "new b", "abandoned"))).build();
        BacklogItem updated = items.withBreach(item, second, TIMEOUT, List.of(Contribution.of(second, SCORING)),
                Instant.EPOCH);

        // Then the newest come first, b once (its newer record), at most 3, and the address is redacted
        assertThat(updated.getEvidence()).extracting(Evidence::getConversationId).containsExactly("c", "b", "a");
        assertThat(updated.getEvidence().get(1).getExcerpt()).isEqualTo("new b");
        assertThat(updated.getEvidence().get(0).getExcerpt()).isEqualTo("mail me at [EMAIL]");
    }

    @Test
    void mostlyAbandonedEvidenceRaisesSeverityToAbandonment() {
        List<Evidence> abandoned = IntStream.range(0, 3).mapToObj(i -> evidence("c" + i, "x",
                "inactivity_after_repair", "repair:explicit_phrase@2")).toList();
        Breach repairs = breach("i", "repair_rate", 0.3, 100, abandoned).build();
        Breach mild = breach("i", "repair_rate", 0.3, 100, List.of(evidence("c9", "x", "resolved:agent_answer"))).build();

        assertThat(Contribution.of(repairs, SCORING).severity()).isEqualTo(1.0);
        assertThat(Contribution.of(mild, SCORING).severity()).isEqualTo(0.3);
    }

    @Test
    void volumeBreachesTargetCompletion() {
        Breach spike = breach("i", "volume", 900, 900, List.of()).build();

        BacklogItem item = items.withBreach(null, spike, TIMEOUT, List.of(Contribution.of(spike, SCORING)),
                Instant.EPOCH);

        assertThat(item.getFrequency()).isEqualTo(900);
        assertThat(item.getTargetMetric()).isEqualTo("completion_rate");
        assertThat(item.getExpectedDirection()).isEqualTo(Direction.UP);
    }

    @Test
    void withEveryBreachResolvedTheItemKeepsItsLastNumbers() {
        Breach breach = breach("i", "abandonment_rate", 0.4, 100, List.of()).build();
        Contribution contribution = Contribution.of(breach, SCORING);
        BacklogItem item = items.withBreach(null, breach, TIMEOUT, List.of(contribution), Instant.EPOCH);

        BacklogItem rescored = items.rescored(item, List.of(contribution.resolved()), Instant.EPOCH.plusSeconds(1));

        assertThat(rescored.getFrequency()).isEqualTo(item.getFrequency());
        assertThat(rescored.getScore()).isEqualTo(item.getScore());
    }
}
