package dev.turnloop.pr.worker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.turnloop.pr.backlog.Contribution;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worker's bookkeeping for one backlog item, beside the item itself: each breach's contribution, the pull
 * request it opened and the file it changed, the merge commit and change id once merged, the revert pull request,
 * and the last problem with when to try again. Kept in the {@value PrWorkerGraph#PULL_REQUEST_WORK_STORE} store, so
 * a restart knows what it already did.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemWork(
        @JsonProperty("contributions") Map<String, Contribution> contributions,
        @JsonProperty("pull_request") Integer pullRequest,
        @JsonProperty("target_file") String targetFile,
        @JsonProperty("merge_commit") String mergeCommit,
        @JsonProperty("change_id") String changeId,
        @JsonProperty("revert_pull_request") Integer revertPullRequest,
        @JsonProperty("problem") String problem,
        @JsonProperty("next_attempt_at") long nextAttemptAt) {

    public ItemWork {
        contributions = contributions == null ? Map.of() : new TreeMap<>(contributions);
    }

    public static ItemWork empty() {
        return new ItemWork(Map.of(), null, null, null, null, null, null, 0);
    }

    @JsonIgnore
    public boolean hadPullRequest() {
        return pullRequest != null;
    }

    @JsonIgnore
    public boolean hasActiveBreach() {
        return contributions.values().stream().anyMatch(Contribution::active);
    }

    public ItemWork withContribution(String breachId, Contribution contribution) {
        Map<String, Contribution> updated = new TreeMap<>(contributions);
        updated.put(breachId, contribution);
        return new ItemWork(updated, pullRequest, targetFile, mergeCommit, changeId, revertPullRequest, problem,
                nextAttemptAt);
    }

    public ItemWork withPullRequest(int number, String file) {
        return new ItemWork(contributions, number, file, mergeCommit, changeId, revertPullRequest, null, 0);
    }

    public ItemWork withMerge(String commit, String change) {
        return new ItemWork(contributions, pullRequest, targetFile, commit, change, revertPullRequest, problem,
                nextAttemptAt);
    }

    public ItemWork withRevertPullRequest(int number) {
        return new ItemWork(contributions, pullRequest, targetFile, mergeCommit, changeId, number, null, 0);
    }

    /** Remembers a problem and not to try again before {@code retryAt} (epoch millis). */
    public ItemWork withProblem(String text, long retryAt) {
        return new ItemWork(contributions, pullRequest, targetFile, mergeCommit, changeId, revertPullRequest, text,
                retryAt);
    }
}
