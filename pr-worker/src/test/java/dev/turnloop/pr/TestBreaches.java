package dev.turnloop.pr;

import dev.turnloop.schemas.Arm;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.BreachKind;
import dev.turnloop.schemas.BreachState;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Evidence;
import dev.turnloop.schemas.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** Breaches, evidence and verdicts as the metrics topology would publish them. */
public final class TestBreaches {
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private TestBreaches() {
    }

    public static Evidence evidence(String conversation, String excerpt, String outcome, String... signals) {
        return Evidence.newBuilder().setConversationId(conversation).setExcerpt(excerpt).setOutcome(outcome)
                .setSignals(List.of(signals)).build();
    }

    /** An OPEN threshold breach of {@code metric} for {@code intent} in the default segment. */
    public static Breach.Builder breach(String intent, String metric, double value, long volume,
            List<Evidence> evidence) {
        return Breach.newBuilder()
                .setBreachId("threshold-" + metric + "|" + intent + "|")
                .setRuleId("threshold-" + metric)
                .setKind(BreachKind.THRESHOLD)
                .setState(BreachState.OPEN)
                .setIntentId(intent)
                .setIntentLabel("")
                .setMetric(metric)
                .setValue(value)
                .setThreshold(0.25)
                .setVolume(volume)
                .setWindow("1h")
                .setWindowStart(T0)
                .setWindowEnd(T0.plusSeconds(3600))
                .setCohort(Cohort.newBuilder().build())
                .setEvidence(evidence)
                .setAt(T0.plusSeconds(3600));
    }

    /** Conversations where the search tool errored, users complained about waiting, and left. */
    public static List<Evidence> searchTimeouts(int conversations) {
        return IntStream.range(0, conversations).mapToObj(i -> evidence("conv-search-" + i,
                "the search keeps timing out, I have been waiting for ages (" + i + ")", "inactivity_after_tool_error",
                "tool_error:search@" + (1 + i % 3), "repair:repeated_request@" + (3 + i % 3))).toList();
    }

    /** Conversations that dead-end on the intent with no other pattern. */
    public static List<Evidence> deadEnds(int conversations) {
        return IntStream.range(0, conversations).mapToObj(i -> evidence("conv-dead-" + i,
                "can I export my data to a spreadsheet? (" + i + ")", "inactivity_after_dead_end", "dead_end@1")).toList();
    }

    public static CohortVerdict verdict(String changeId, String itemId, Verdict verdict) {
        Arm control = Arm.newBuilder().setVersion("v-control").setConversations(1200).setSuccesses(780).setRate(0.65)
                .setCiLow(0.62).setCiHigh(0.68).build();
        Arm treatment = Arm.newBuilder().setVersion("v-treatment").setConversations(1150).setSuccesses(690)
                .setRate(0.60).setCiLow(0.57).setCiHigh(0.63).build();
        return CohortVerdict.newBuilder().setChangeId(changeId).setItemId(itemId).setVerdict(verdict)
                .setReason(verdict == Verdict.REVERT ? "abandonment rose for the target intent" : "abandonment fell")
                .setTargetIntentId("intent-search").setTargetMetric("abandonment_rate").setControl(control)
                .setTreatment(treatment).setEffect(-0.05).setEffectCiLow(-0.08).setEffectCiHigh(-0.02).setEValue(41.5)
                .setDecidedAt(T0.plusSeconds(86_400)).build();
    }
}
