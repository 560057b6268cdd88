package dev.turnloop.pr.forge;

import static dev.turnloop.pr.repo.TestRepos.HARNESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.pr.proposal.ScalarValue;
import dev.turnloop.pr.proposal.SettingPath;
import dev.turnloop.pr.proposal.YamlSettingProposal;
import dev.turnloop.pr.repo.BranchOutcome;
import dev.turnloop.pr.repo.GitWorkspace;
import dev.turnloop.pr.repo.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalForgeTest {
    @TempDir
    Path root;
    Path remote;
    LocalForge forge;
    GitWorkspace workspace;

    @BeforeEach
    void setUp() throws Exception {
        remote = TestRepos.agentRemote(root.resolve("remote.git"));
        forge = LocalForge.nextTo(remote);
        workspace = GitWorkspace.open(TestRepos.configFor(remote), root.resolve("work"));
    }

    private BranchOutcome timeout(String item, long value) {
        return workspace.propose(item, new YamlSettingProposal(HARNESS, "harness.search-timeout",
                SettingPath.parse("tools.search.timeout_ms"), "2000", ScalarValue.integer(value)));
    }

    private static PullRequestDraft draft(String head) {
        return new PullRequestDraft("turnloop: change", head, "main", "the body", false, List.of("turnloop"));
    }

    @Test
    void pullRequestIsASidecarPairNextToTheRepository() throws Exception {
        BranchOutcome branch = timeout("item-1", 5000);

        PullRequestRef pr = forge.openPullRequest(draft(branch.branch()));

        Path dir = root.resolve("remote.git.pulls");
        assertThat(forge.pullRequestDir()).isEqualTo(dir);
        assertThat(pr.number()).isEqualTo(1);
        assertThat(pr.state()).isEqualTo(PullRequestState.OPEN);
        assertThat(pr.url()).isEqualTo(dir.resolve("1.md").toUri().toString());
        assertThat(Files.readString(dir.resolve("1.md"))).contains("turnloop: change", "the body");
        assertThat(new ObjectMapper().readTree(dir.resolve("1.json").toFile()).path("head").asText())
                .isEqualTo(branch.branch());
        assertThat(TestRepos.branches(remote)).as("no commit or branch is made for the PR itself")
                .containsExactlyInAnyOrder("main", branch.branch());
    }

    @Test
    void mergeMakesATwoParentMergeCommitOnTheBaseAndRecordsIt() throws Exception {
        BranchOutcome branch = timeout("item-1", 5000);
        RevCommit mainBefore = TestRepos.tip(remote, "main");
        PullRequestRef pr = forge.openPullRequest(draft(branch.branch()));

        PullRequestRef merged = forge.merge(pr.number());

        RevCommit mainAfter = TestRepos.tip(remote, "main");
        assertThat(merged.state()).isEqualTo(PullRequestState.MERGED);
        assertThat(merged.mergeCommit()).contains(mainAfter.name());
        assertThat(mainAfter.getParents()).extracting(RevCommit::name)
                .containsExactly(mainBefore.name(), branch.commitId());
        assertThat(mainAfter.getShortMessage()).isEqualTo("Merge pull request #1 from " + branch.branch());
        assertThat(TestRepos.read(remote, "main", HARNESS)).contains("timeout_ms: 5000");
        assertThat(forge.getPullRequest(pr.number())).isEqualTo(merged);
        assertThat(forge.merge(pr.number())).as("merging again changes nothing").isEqualTo(merged);
        assertThat(TestRepos.tip(remote, "main")).isEqualTo(mainAfter);
    }

    @Test
    void diffShowsTheBranchChangeWhileOpenAndStillOnceMerged() throws Exception {
        PullRequestRef pr = forge.openPullRequest(draft(timeout("item-1", 5000).branch()));

        String open = forge.diff(pr.number());
        forge.merge(pr.number());
        String merged = forge.diff(pr.number());

        assertThat(open).contains("--- a/" + HARNESS, "+++ b/" + HARNESS, "-    timeout_ms: 2000",
                "+    timeout_ms: 5000");
        assertThat(merged).isEqualTo(open);
    }

    @Test
    void conflictingMergeIsRefusedAndTheBaseStays() throws Exception {
        PullRequestRef first = forge.openPullRequest(draft(timeout("item-1", 5000).branch()));
        PullRequestRef second = forge.openPullRequest(draft(timeout("item-2", 3000).branch()));
        forge.merge(first.number());
        RevCommit main = TestRepos.tip(remote, "main");

        assertThatThrownBy(() -> forge.merge(second.number()))
                .isInstanceOf(ForgeException.class)
                .hasMessageContaining("conflicts with main in [harness/tools.yaml]");
        assertThat(TestRepos.tip(remote, "main")).isEqualTo(main);
        assertThat(forge.getPullRequest(second.number()).state()).isEqualTo(PullRequestState.OPEN);
    }

    @Test
    void headThatWasNeverPushedIsRefused() {
        assertThatThrownBy(() -> forge.openPullRequest(draft("turnloop/nothing-here")))
                .isInstanceOf(ForgeException.class)
                .hasMessageContaining("push it first");
    }

    @Test
    void labelsAccumulateWithoutDuplicates() throws Exception {
        PullRequestRef pr = forge.openPullRequest(draft(timeout("item-1", 5000).branch()));

        forge.addLabels(pr.number(), List.of("turnloop", "needs-eval"));

        assertThat(new ObjectMapper().readTree(forge.pullRequestDir().resolve("1.json").toFile()).path("labels")
                .toString()).isEqualTo("[\"turnloop\",\"needs-eval\"]");
    }
}
