package dev.turnloop.app.demo.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.pr.proposal.TargetKind;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.schemas.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimDemoAgentRepoTest {

    @TempDir
    Path folder;

    @Test
    void createsABareRepositoryWithTheAgentFilesInOneCommitOnMain() throws Exception {
        // When
        DemoAgentRepo repo = DemoAgentRepo.create(folder.resolve("agent"));

        // Then
        try (Git git = Git.open(repo.repository().toFile())) {
            assertThat(git.getRepository().isBare()).isTrue();
            List<String> log = StreamSupport.stream(git.log().add(git.getRepository().resolve("refs/heads/main"))
                    .call().spliterator(), false).map(RevCommit::name).toList();
            assertThat(log).containsExactly(repo.initialCommit());
        }
        assertThat(repo.head()).isEqualTo(repo.initialCommit());
        assertThat(repo.read(repo.initialCommit(), DemoAgentRepo.PROMPT)).get().asString()
                .startsWith("# Relay support agent").contains("Settings → Integrations → Slack");
        assertThat(repo.read(repo.initialCommit(), DemoAgentRepo.HARNESS)).get().asString()
                .contains("search_docs:", "timeout_ms: 2000", "# the docs index answers");
        assertThat(repo.read(repo.initialCommit(), DemoAgentRepo.WANDB)).get().asString()
                .contains("parameters:", "temperature:", "value: 0.2");
        assertThat(repo.read(repo.initialCommit(), "README.md")).isEmpty();
    }

    @Test
    void writesATargetConfigThatThePrWorkerAcceptsForExactlyTheThreeFiles() {
        // Given
        DemoAgentRepo repo = DemoAgentRepo.create(folder.resolve("with space"));

        // When
        TargetRepoConfig config = TargetRepoConfig.load(repo.targetConfig());

        // Then
        assertThat(Path.of(config.repository())).isEqualTo(repo.repository());
        assertThat(config.baseBranch()).isEqualTo("main");
        assertThat(config.files()).containsExactly(
                Map.entry(DemoAgentRepo.PROMPT, TargetKind.SYSTEM_PROMPT),
                Map.entry(DemoAgentRepo.HARNESS, TargetKind.HARNESS_CONFIG),
                Map.entry(DemoAgentRepo.WANDB, TargetKind.WANDB_CONFIG));
    }

    @Test
    void theRiskyChangeRaisesOnlyTheTemperatureInANewCommitOnMain() {
        // Given
        DemoAgentRepo repo = DemoAgentRepo.create(folder);
        String before = repo.read(repo.initialCommit(), DemoAgentRepo.WANDB).orElseThrow();

        // When
        DemoAgentRepo.RepoChange change = repo.commitRiskyTemperatureRaise();

        // Then
        assertThat(change.component()).isEqualTo(Component.CONFIG);
        assertThat(change.oldVersion()).isEqualTo(repo.initialCommit());
        assertThat(change.newVersion()).isEqualTo(repo.head()).isNotEqualTo(repo.initialCommit());
        String after = repo.read(change.newVersion(), DemoAgentRepo.WANDB).orElseThrow();
        assertThat(after).isEqualTo(before.replace("value: 0.2\n", "value: 1.5\n"));
        assertThat(repo.read(change.newVersion(), DemoAgentRepo.PROMPT))
                .isEqualTo(repo.read(change.oldVersion(), DemoAgentRepo.PROMPT));
        assertThat(new AgentVersions(repo.repository()).at(change.newVersion()).temperature()).isEqualTo(1.5);
    }

    @Test
    void refusesAFolderThatAlreadyHoldsTheRepository() throws Exception {
        // Given
        Files.createDirectories(folder.resolve("agent.git"));

        // When / Then
        assertThatThrownBy(() -> DemoAgentRepo.create(folder)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists already");
    }
}
