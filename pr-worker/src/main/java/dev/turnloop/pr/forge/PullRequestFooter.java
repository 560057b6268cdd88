package dev.turnloop.pr.forge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The machine-readable facts a pull request body ends with, inside an HTML comment, so a merge webhook or a later
 * scan can tie the pull request back to its backlog item without any other state.
 *
 * @param kind {@code change} or {@code revert}
 * @param targetFile for a change, the file it edits (its kind in the repository config gives the ChangeEvent
 *     component)
 * @param revertOf for a revert, the commit it undoes
 * @param changeId for a revert, the change the verdict was about
 * @param conversationIds the evidence conversations (sanitised ids)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PullRequestFooter(
        @JsonProperty("kind") String kind,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("mechanism_id") String mechanismId,
        @JsonProperty("target_file") String targetFile,
        @JsonProperty("intent_id") String intentId,
        @JsonProperty("target_metric") String targetMetric,
        @JsonProperty("expected_direction") String expectedDirection,
        @JsonProperty("revert_of") String revertOf,
        @JsonProperty("change_id") String changeId,
        @JsonProperty("conversation_ids") List<String> conversationIds) {
    public static final String KIND_CHANGE = "change";
    public static final String KIND_REVERT = "revert";

    public PullRequestFooter {
        conversationIds = conversationIds == null ? List.of() : List.copyOf(conversationIds);
    }
}
