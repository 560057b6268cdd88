package dev.turnloop.pr.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnloop.pr.proposal.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetRepoConfigTest {
    @TempDir
    Path dir;

    @Test
    void fullConfigLoadsWithRelativeRepositoryResolvedAgainstTheConfigFile() throws Exception {
        // Given a config next to a repository directory
        Files.createDirectories(dir.resolve("agent.git"));
        Path file = dir.resolve("turnloop-target.yaml");
        Files.writeString(file, """
                repository: agent.git
                base_branch: develop
                branch_prefix: bots/turnloop
                labels: [turnloop, agent-quality]
                author: {name: turnloop-bot, email: bot@acme.test}
                files:
                  system_prompts: [prompts/support.md]
                  harness_configs: [harness/tools.yaml, harness/routing.json]
                  wandb_configs: [wandb/sweep.yaml]
                """);

        // When it is loaded
        TargetRepoConfig config = TargetRepoConfig.load(file);

        // Then every field is as written and files know their kind
        assertThat(config.repository()).isEqualTo(dir.resolve("agent.git").toString());
        assertThat(config.baseBranch()).isEqualTo("develop");
        assertThat(config.branchPrefix()).isEqualTo("bots/turnloop");
        assertThat(config.labels()).containsExactly("turnloop", "agent-quality");
        assertThat(config.author()).isEqualTo(new AuthorIdentity("turnloop-bot", "bot@acme.test"));
        assertThat(config.kindOf("harness/routing.json")).contains(TargetKind.HARNESS_CONFIG);
        assertThat(config.kindOf("README.md")).isEmpty();
        assertThat(config.filesOf(TargetKind.HARNESS_CONFIG)).containsExactly("harness/tools.yaml",
                "harness/routing.json");
        assertThat(config.isHttpRemote()).isFalse();
    }

    @Test
    void defaultsApplyToOptionalFields() {
        TargetRepoConfig config = TargetRepoConfig.parse("""
                repository: https://github.com/acme/agent.git
                author: {name: bot, email: bot@acme.test}
                files: {system_prompts: [prompt.md]}
                """, null, "test");

        assertThat(config.baseBranch()).isEqualTo("main");
        assertThat(config.branchPrefix()).isEqualTo("turnloop");
        assertThat(config.labels()).containsExactly("turnloop");
        assertThat(config.isHttpRemote()).isTrue();
    }

    @Test
    void everyProblemIsReportedAtOnceWithAFix() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> TargetRepoConfig.parse("""
                repository: https://github.com/acme/agent.git
                base_brnach: main
                author: {name: bot, email: not-an-email}
                files:
                  system_prompts: [../outside.md]
                  harness_configs: [harness/tools.txt, prompt.md]
                  wandb_configs: [prompt.md]
                """, null, "turnloop-target.yaml"));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("Invalid turnloop target repository config (turnloop-target.yaml):");
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("unknown key 'base_brnach'")
                .contains("base_branch"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("listed twice"));
        assertThat(e.problems().size()).as("all problems of the structural pass").isGreaterThanOrEqualTo(2);
    }

    @Test
    void semanticProblemsAreCollectedTogether() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> TargetRepoConfig.parse("""
                repository: https://github.com/acme/agent.git
                base_branch: "main..x"
                author: {name: bot, email: not-an-email}
                files:
                  system_prompts: [../outside.md]
                  harness_configs: [harness/tools.txt]
                  wandb_configs: [wandb/sweep.json]
                """, null, "t.yaml"));

        assertThat(e.problems()).hasSize(5);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("base_branch").contains("e.g. main"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("author.email").contains("e.g."));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("../outside.md").contains("normalised"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("harness/tools.txt").contains("YAML"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("wandb/sweep.json"));
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        String secret = "ghp_SECRETSECRETSECRET";

        assertThatThrownBy(() -> TargetRepoConfig.parse("""
                repository: https://x-access-token:%s@github.com/acme/agent.git
                author: {name: bot, email: bot@acme.test}
                files: {system_prompts: [prompt.md]}
                """.formatted(secret), null, "t.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("contains credentials")
                .hasMessageNotContaining(secret);
    }

    @Test
    void sshAndPlainHttpToARealHostAreRefused() {
        for (String url : List.of("git@github.com:acme/agent.git", "http://github.com/acme/agent.git")) {
            assertThatThrownBy(() -> TargetRepoConfig.parse("""
                    repository: %s
                    author: {name: bot, email: bot@acme.test}
                    files: {system_prompts: [prompt.md]}
                    """.formatted(url), null, "t.yaml"))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("https");
        }
    }

    @Test
    void missingLocalRepositoryIsNamed() {
        assertThatThrownBy(() -> TargetRepoConfig.parse("""
                repository: %s
                author: {name: bot, email: bot@acme.test}
                files: {system_prompts: [prompt.md]}
                """.formatted(dir.resolve("nope.git")), null, "t.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("does not exist");
    }
}
