package dev.turnloop.metrics.verdict;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Operating characteristics of the verdict rule measured by {@link VerdictSimulation}; the JSON names are what
 * {@code turnloop eval verdicts --json} prints.
 *
 * @param falseKeepRate    fraction of no-effect runs that ended in KEEP (goal &lt;= 0.05)
 * @param power            fraction of real-lift runs that ended in KEEP (goal &gt;= 0.80)
 * @param harmDetection    fraction of real-drop runs that ended in REVERT (goal &gt;= 0.80)
 * @param averageLooks     looks until the final verdict, over all runs of all scenarios
 * @param averageConversationsPerArm matched conversations per arm at the final verdict, over all runs
 */
public record SimulationReport(
        @JsonProperty("simulations") int simulations,
        @JsonProperty("seed") long seed,
        @JsonProperty("method") String method,
        @JsonProperty("false_keep_rate") double falseKeepRate,
        @JsonProperty("power") double power,
        @JsonProperty("harm_detection") double harmDetection,
        @JsonProperty("average_looks") double averageLooks,
        @JsonProperty("average_conversations_per_arm") double averageConversationsPerArm,
        @JsonProperty("scenarios") List<Scenario> scenarios) {

    public SimulationReport {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * How one simulated world ended.
     *
     * @param trueEffect            the real change of the target rate in every segment
     * @param regressionRevertRate  runs reverted because a regression was detected (rather than at planned volume)
     */
    public record Scenario(
            @JsonProperty("name") String name,
            @JsonProperty("true_effect") double trueEffect,
            @JsonProperty("keep_rate") double keepRate,
            @JsonProperty("revert_rate") double revertRate,
            @JsonProperty("need_more_data_rate") double needMoreDataRate,
            @JsonProperty("regression_revert_rate") double regressionRevertRate,
            @JsonProperty("average_looks") double averageLooks,
            @JsonProperty("average_conversations_per_arm") double averageConversationsPerArm) {
    }
}
