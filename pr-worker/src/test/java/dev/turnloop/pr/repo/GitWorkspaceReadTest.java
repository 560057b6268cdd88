package dev.turnloop.pr.repo;

import static dev.turnloop.pr.repo.TestRepos.HARNESS;
import static dev.turnloop.pr.repo.TestRepos.HARNESS_TEXT;
import static dev.turnloop.pr.repo.TestRepos.PROMPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorkspaceReadTest {
    @TempDir
    Path root;
    Path remote;
    TargetRepoConfig config;

    @BeforeEach
    void remote() throws Exception {
        remote = TestRepos.agentRemote(root.resolve("remote.git"));
        config = TestRepos.configFor(remote);
    }

    @Test
    void readsAListedFileAsItIsOnTheBaseBranchNowIncludingLaterCommits() throws Exception {
        try (GitWorkspace workspace = GitWorkspace.open(config, root.resolve("work"))) {
            assertThat(workspace.readBaseFile(HARNESS)).contains(HARNESS_TEXT);

            TestRepos.humanCommit(remote, HARNESS, "tools: {}\n", "Drop tools");

            assertThat(workspace.readBaseFile(HARNESS)).as("fetched again").contains("tools: {}\n");
        }
    }

    @Test
    void aListedFileMissingOnTheBaseBranchIsEmptyAndAnUnlistedOneIsRefused() throws Exception {
        Path bare = TestRepos.bareRemoteWith(root.resolve("sparse.git"), Map.of(PROMPT, "# prompt\n"));
        try (GitWorkspace workspace = GitWorkspace.open(TestRepos.configFor(bare), root.resolve("sparse-work"))) {
            assertThat(workspace.readBaseFile(HARNESS)).isEmpty();
            assertThatThrownBy(() -> workspace.readBaseFile("README.md")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not listed");
        }
    }

    @Test
    void theFirstParentOfACommitIsTheBaseBeforeIt() throws Exception {
        RevCommit before = TestRepos.tip(remote, "main");
        RevCommit human = TestRepos.humanCommit(remote, HARNESS, "tools: {}\n", "Drop tools");

        try (GitWorkspace workspace = GitWorkspace.open(config, root.resolve("work"))) {
            assertThat(workspace.firstParentOf(human.name())).isEqualTo(before.name());
            assertThatThrownBy(() -> workspace.firstParentOf(before.name())).isInstanceOf(GitOperationException.class)
                    .hasMessageContaining("root commit");
            assertThatThrownBy(() -> workspace.firstParentOf("not a sha")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
