package dev.turnloop.pr.proposal;

import java.util.Set;

/**
 * One small, reviewable change for one mechanism, as data. Which file, which setting and which value are typed
 * fields set by code; user text can only ride along as {@link EvidenceQuote}s. {@link #apply} is a pure function
 * of the file's text that keeps everything it does not mean to change, byte for byte.
 */
public interface ChangeProposal {
  /** Longest PR title / commit subject we write; GitHub and git tools show about this much. */
  int MAX_TITLE_LENGTH = 100;

  /** Repository-relative path of the file this proposal edits. */
  String targetFile();

  /** The backlog item's mechanism id this change addresses, e.g. {@code prompt.slack-formatting}. */
  String mechanismId();

  /** The kinds of target file (from the repository config) this proposal may edit. */
  Set<TargetKind> targetKinds();

  /** Deterministic one-line description, e.g. "set tools.search.timeout_ms from 2000 to 5000 in h.yaml". */
  String summary();

  /**
   * The file's new text, or {@code content} itself when the change is already in place (applying twice changes
   * nothing).
   *
   * @throws ProposalConflictException when the file does not allow this change as planned
   */
  String apply(String content);

  /** Commit subject and PR title. */
  default String title() {
    String title = "turnloop: " + summary();
    return title.length() <= MAX_TITLE_LENGTH ? title : title.substring(0, MAX_TITLE_LENGTH - 1) + "\u2026";
  }

  /** Unified diff of applying this proposal to {@code content}; empty when it changes nothing. */
  default String preview(String content) {
    return UnifiedDiff.between(targetFile(), content, apply(content));
  }
}
