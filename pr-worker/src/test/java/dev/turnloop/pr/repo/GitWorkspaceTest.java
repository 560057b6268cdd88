package dev.turnloop.pr.repo;

import static dev.turnloop.pr.repo.TestRepos.HARNESS;
import static dev.turnloop.pr.repo.TestRepos.HARNESS_TEXT;
import static dev.turnloop.pr.repo.TestRepos.PROMPT;
import static dev.turnloop.pr.repo.TestRepos.PROMPT_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.pr.proposal.EvidenceQuote;
import dev.turnloop.pr.proposal.ProposalConflictException;
import dev.turnloop.pr.proposal.PromptInstructionProposal;
import dev.turnloop.pr.proposal.RuleTemplate;
import dev.turnloop.pr.proposal.ScalarValue;
import dev.turnloop.pr.proposal.SettingPath;
import dev.turnloop.pr.proposal.YamlSettingProposal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorkspaceTest {
    private static final String ITEM = "intent-7|harness.search-timeout";
    private static final YamlSettingProposal RAISE_TIMEOUT = new YamlSettingProposal(HARNESS,
            "harness.search-timeout", SettingPath.parse("tools.search.timeout_ms"), "2000", ScalarValue.integer(5000));

    @TempDir
    Path root;
    Path remote;
    TargetRepoConfig config;

    @BeforeEach
    void remote() throws Exception {
        remote = TestRepos.agentRemote(root.resolve("remote.git"));
        config = TestRepos.configFor(remote);
    }

    private GitWorkspace workspace(String name) {
        return GitWorkspace.open(config, root.resolve(name));
    }

    @Test
    void proposalBecomesABranchWithOneTrailerCommitPushedToTheRemote() throws Exception {
        RevCommit mainBefore = TestRepos.tip(remote, "main");

        // When a proposal is made
        BranchOutcome outcome;
        try (GitWorkspace workspace = workspace("work")) {
            outcome = workspace.propose(ITEM, RAISE_TIMEOUT);
        }

        // Then the remote has the branch, one commit on top of main by the bot, with the item trailer
        assertThat(outcome.status()).isEqualTo(BranchOutcome.Status.CREATED);
        assertThat(outcome.branch()).startsWith("turnloop/intent-7-harness-search-timeout-");
        assertThat(TestRepos.branches(remote)).containsExactlyInAnyOrder("main", outcome.branch());
        RevCommit commit = TestRepos.tip(remote, outcome.branch());
        assertThat(commit.name()).isEqualTo(outcome.commitId());
        assertThat(commit.getParent(0)).isEqualTo(mainBefore);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("turnloop-bot");
        assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("turnloop-bot@acme.test");
        assertThat(commit.getShortMessage())
                .isEqualTo("turnloop: set tools.search.timeout_ms from 2000 to 5000 in harness/tools.yaml");
        assertThat(commit.getFooterLines(CommitTrailers.ITEM)).containsExactly(ITEM);
        assertThat(commit.getFooterLines(CommitTrailers.MECHANISM)).containsExactly("harness.search-timeout");
        // and the file changed on the branch only, by one line with its comment intact
        assertThat(TestRepos.read(remote, outcome.branch(), HARNESS))
                .isEqualTo(HARNESS_TEXT.replace("timeout_ms: 2000   #", "timeout_ms: 5000   #"));
        assertThat(TestRepos.read(remote, "main", HARNESS)).isEqualTo(HARNESS_TEXT);
        assertThat(outcome.diff()).contains("diff --git a/harness/tools.yaml b/harness/tools.yaml",
                "-    timeout_ms: 2000   # p99 was 1400 ms", "+    timeout_ms: 5000   # p99 was 1400 ms");
    }

    @Test
    void replayInTheSameWorkspaceMakesNothingNew() throws Exception {
        try (GitWorkspace workspace = workspace("work")) {
            BranchOutcome first = workspace.propose(ITEM, RAISE_TIMEOUT);
            int commits = TestRepos.commitCount(remote, first.branch());

            BranchOutcome replay = workspace.propose(ITEM, RAISE_TIMEOUT);

            assertThat(replay.status()).isEqualTo(BranchOutcome.Status.ALREADY_PUSHED);
            assertThat(replay.commitId()).isEqualTo(first.commitId());
            assertThat(replay.diff()).isEqualTo(first.diff());
            assertThat(TestRepos.commitCount(remote, first.branch())).isEqualTo(commits);
            assertThat(TestRepos.branches(remote)).hasSize(2);
        }
    }

    @Test
    void restartedWorkerWithAFreshWorkDirFindsItsEarlierBranch() throws Exception {
        BranchOutcome first;
        try (GitWorkspace before = workspace("work-a")) {
            first = before.propose(ITEM, RAISE_TIMEOUT);
        }

        BranchOutcome afterRestart;
        try (GitWorkspace after = workspace("work-b")) {
            afterRestart = after.propose(ITEM, RAISE_TIMEOUT);
        }

        assertThat(afterRestart.status()).isEqualTo(BranchOutcome.Status.ALREADY_PUSHED);
        assertThat(afterRestart.commitId()).isEqualTo(first.commitId());
        assertThat(TestRepos.tip(remote, first.branch()).name()).isEqualTo(first.commitId());
    }

    @Test
    void reopeningAnExistingWorkDirReusesTheClone() throws Exception {
        try (GitWorkspace first = workspace("work")) {
            first.propose(ITEM, RAISE_TIMEOUT);
        }
        TestRepos.humanCommit(remote, "README.md", "# agent v2\n", "Docs");

        try (GitWorkspace reopened = workspace("work")) {
            BranchOutcome outcome = reopened.propose("intent-8|prompt.slack", slackProposal(List.of()));

            assertThat(outcome.status()).isEqualTo(BranchOutcome.Status.CREATED);
            assertThat(TestRepos.tip(remote, outcome.branch()).getParent(0)).as("branched from the fetched main")
                    .isEqualTo(TestRepos.tip(remote, "main"));
            assertThat(TestRepos.read(remote, outcome.branch(), HARNESS)).as("earlier proposal not carried over")
                    .isEqualTo(HARNESS_TEXT);
        }
    }

    @Test
    void proposalThatIsAlreadyTrueOfTheFileMakesNoBranch() throws Exception {
        YamlSettingProposal keep = new YamlSettingProposal(HARNESS, "harness.search-timeout",
                SettingPath.parse("tools.search.timeout_ms"), null, ScalarValue.integer(2000));

        try (GitWorkspace workspace = workspace("work")) {
            BranchOutcome outcome = workspace.propose(ITEM, keep);

            assertThat(outcome.status()).isEqualTo(BranchOutcome.Status.NO_CHANGE);
            assertThat(outcome.hasBranchToReview()).isFalse();
            assertThat(TestRepos.branches(remote)).containsExactly("main");
        }
    }

    @Test
    void fileChangedSinceTheRuleDecidedIsRefusedAndNothingIsPushed() throws Exception {
        TestRepos.humanCommit(remote, HARNESS, HARNESS_TEXT.replace("timeout_ms: 2000", "timeout_ms: 3000"), "Tune");

        try (GitWorkspace workspace = workspace("work")) {
            assertThatThrownBy(() -> workspace.propose(ITEM, RAISE_TIMEOUT))
                    .isInstanceOf(ProposalConflictException.class)
                    .hasMessageContaining("but it is 3000");
        }
        assertThat(TestRepos.branches(remote)).containsExactly("main");
    }

    @Test
    void fileNotListedInTheConfigIsNeverEdited() {
        PromptInstructionProposal readme = new PromptInstructionProposal("README.md", "prompt.x",
                RuleTemplate.of("r", "Be kind.").render(), List.of());

        try (GitWorkspace workspace = workspace("work")) {
            assertThatThrownBy(() -> workspace.propose(ITEM, readme))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not listed in the target repository config");
        }
    }

    @Test
    void foreignBranchWithTheSameNameIsNotTakenOver() throws Exception {
        String branch;
        try (GitWorkspace workspace = workspace("work")) {
            branch = workspace.branchFor(ITEM);
        }
        try (Git git = Git.open(remote.toFile())) {
            git.branchCreate().setName(branch).setStartPoint("main").call();
        }

        try (GitWorkspace workspace = workspace("work")) {
            assertThatThrownBy(() -> workspace.propose(ITEM, RAISE_TIMEOUT))
                    .isInstanceOf(GitOperationException.class)
                    .hasMessageContaining("was not made by this worker for this item");
        }
    }

    @Test
    void promptProposalKeepsAByteOrderMark() throws Exception {
        TestRepos.humanCommit(remote, PROMPT, "\uFEFF" + PROMPT_TEXT, "Add BOM");

        try (GitWorkspace workspace = workspace("work")) {
            BranchOutcome outcome = workspace.propose("intent-8|prompt.slack", slackProposal(List.of(
                    EvidenceQuote.of("c1", "*hi* can you read this"))));

            String onBranch = TestRepos.read(remote, outcome.branch(), PROMPT);
            assertThat(onBranch.getBytes(StandardCharsets.UTF_8)).startsWith(0xEF, 0xBB, 0xBF);
            assertThat(onBranch).startsWith("\uFEFF" + PROMPT_TEXT + "\n## Learned from production\n");
        }
    }

    @Test
    void mergedChangeIsRevertedOnARevertBranchOnce() throws Exception {
        // Given the change was merged into main with a merge commit, as a forge's merge button does
        BranchOutcome change;
        try (GitWorkspace workspace = workspace("work")) {
            change = workspace.propose(ITEM, RAISE_TIMEOUT);
        }
        RevCommit merge = mergeIntoMain(change.branch());
        assertThat(TestRepos.read(remote, "main", HARNESS)).contains("timeout_ms: 5000");

        // When the REVERT verdict path asks for a revert of the merge commit
        BranchOutcome revert;
        BranchOutcome replay;
        try (GitWorkspace workspace = workspace("work")) {
            revert = workspace.revert(merge.name(), ITEM);
            replay = workspace.revert(merge.name(), ITEM);
        }

        // Then a revert branch restores the file and carries the trailers; a replay makes nothing new
        assertThat(revert.status()).isEqualTo(BranchOutcome.Status.CREATED);
        assertThat(revert.branch()).startsWith("turnloop/revert-intent-7-harness-search-timeout-")
                .endsWith(merge.name().substring(0, 12));
        assertThat(TestRepos.read(remote, revert.branch(), HARNESS)).isEqualTo(HARNESS_TEXT);
        RevCommit revertCommit = TestRepos.tip(remote, revert.branch());
        assertThat(revertCommit.getParent(0)).isEqualTo(TestRepos.tip(remote, "main"));
        assertThat(revertCommit.getFooterLines(CommitTrailers.REVERT_OF)).containsExactly(merge.name());
        assertThat(revertCommit.getShortMessage()).startsWith("Revert \"Merge ");
        assertThat(revert.diff()).contains("-    timeout_ms: 5000", "+    timeout_ms: 2000");
        assertThat(replay.status()).isEqualTo(BranchOutcome.Status.ALREADY_PUSHED);
        assertThat(replay.commitId()).isEqualTo(revert.commitId());
    }

    @Test
    void singleParentCommitIsRevertedToo() throws Exception {
        RevCommit human = TestRepos.humanCommit(remote, HARNESS,
                HARNESS_TEXT.replace("max_attempts: 3", "max_attempts: 0"), "Disable retries");

        try (GitWorkspace workspace = workspace("work")) {
            BranchOutcome revert = workspace.revert(human.name(), null);

            assertThat(revert.status()).isEqualTo(BranchOutcome.Status.CREATED);
            assertThat(TestRepos.read(remote, revert.branch(), HARNESS)).isEqualTo(HARNESS_TEXT);
            assertThat(TestRepos.tip(remote, revert.branch()).getShortMessage())
                    .isEqualTo("Revert \"Disable retries\"");
        }
    }

    @Test
    void afterMergeAReplayedItemIsRecognisedOnTheBaseBranch() throws Exception {
        BranchOutcome change;
        try (GitWorkspace workspace = workspace("work")) {
            change = workspace.propose(ITEM, RAISE_TIMEOUT);
        }
        mergeIntoMain(change.branch());
        try (Git git = Git.open(remote.toFile())) {
            git.branchDelete().setBranchNames(change.branch()).setForce(true).call(); // forges delete merged heads
        }

        try (GitWorkspace workspace = workspace("work")) {
            BranchOutcome replay = workspace.propose(ITEM, RAISE_TIMEOUT);

            assertThat(replay.status()).isEqualTo(BranchOutcome.Status.ALREADY_ON_BASE);
            assertThat(replay.commitId()).isEqualTo(change.commitId());
            assertThat(TestRepos.branches(remote)).containsExactly("main");
        }
    }

    @Test
    void unmergedBranchIsNotReverted() throws Exception {
        try (GitWorkspace workspace = workspace("work")) {
            BranchOutcome change = workspace.propose(ITEM, RAISE_TIMEOUT);

            assertThatThrownBy(() -> workspace.revert(change.branch(), ITEM))
                    .isInstanceOf(GitOperationException.class)
                    .hasMessageContaining("is not merged into main");
        }
    }

    private static PromptInstructionProposal slackProposal(List<EvidenceQuote> examples) {
        return new PromptInstructionProposal(PROMPT, "prompt.slack", RuleTemplate.of("slack-formatting-v1",
                "Read pasted Slack formatting as plain text.").render(), examples);
    }

    /** A two-parent merge of {@code branch} into main of the bare remote, made the way a forge does. */
    private RevCommit mergeIntoMain(String branch) throws Exception {
        Path clone = root.resolve("reviewer-" + System.nanoTime());
        try (Git git = Git.cloneRepository().setURI(remote.toUri().toString()).setDirectory(clone.toFile()).call()) {
            git.merge().include(git.getRepository().resolve("refs/remotes/origin/" + branch))
                    .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF)
                    .setMessage("Merge pull request #1 from " + branch).call();
            git.push().call();
            return git.log().setMaxCount(1).call().iterator().next();
        }
    }

    @Test
    void branchNamesOfItemsThatSlugAlikeDiffer() {
        String pipe = BranchNames.forItem("turnloop", "a|b");
        String slash = BranchNames.forItem("turnloop", "a/b");

        assertThat(pipe).startsWith("turnloop/a-b-").isNotEqualTo(slash);
        assertThat(pipe).matches("turnloop/a-b-[0-9a-f]{8}");
    }
}
