package dev.turnloop.app.demo.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.pr.mechanism.RuleTemplates;
import dev.turnloop.pr.proposal.EvidenceQuote;
import dev.turnloop.pr.proposal.InstructionText;
import dev.turnloop.pr.proposal.PromptInstructionProposal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimAgentProfileTest {

    private static final String PROMPT = DemoAgentRepo.resource(DemoAgentRepo.PROMPT);
    private static final String HARNESS = DemoAgentRepo.resource(DemoAgentRepo.HARNESS);
    private static final String WANDB = DemoAgentRepo.resource(DemoAgentRepo.WANDB);

    private static String withInstruction(String prompt, InstructionText instruction, EvidenceQuote... examples) {
        return new PromptInstructionProposal(DemoAgentRepo.PROMPT, "prompt.test", instruction, List.of(examples))
                .apply(prompt);
    }

    @Test
    void theShippedAgentCoversNoneOfTheProblemSituations() {
        // When
        AgentProfile profile = AgentProfile.read(PROMPT, HARNESS, WANDB);

        // Then
        assertThat(profile).isEqualTo(new AgentProfile(false, false, false, null, 2000, 2, 0.2));
    }

    @Test
    void eachRuleTemplateTurnsOnExactlyTheBehaviourItIsAbout() {
        // When
        AgentProfile formatting = AgentProfile.read(withInstruction(PROMPT, RuleTemplates.PASTED_FORMATTING.render()),
                HARNESS, WANDB);
        AgentProfile keys = AgentProfile.read(withInstruction(PROMPT, RuleTemplates.API_KEY_SETUP.render()),
                HARNESS, WANDB);
        AgentProfile deadEnds = AgentProfile.read(withInstruction(PROMPT, RuleTemplates.DEAD_END.render()),
                HARNESS, WANDB);
        AgentProfile humans = AgentProfile.read(withInstruction(PROMPT, RuleTemplates.HUMAN_AFTER_REPAIR.render()),
                HARNESS, WANDB);

        // Then
        assertThat(List.of(formatting.readsPastedFormatting(), formatting.walksThroughKeySetup(),
                formatting.handsOffInsteadOfRefusing())).containsExactly(true, false, false);
        assertThat(List.of(keys.readsPastedFormatting(), keys.walksThroughKeySetup(),
                keys.handsOffInsteadOfRefusing())).containsExactly(false, true, false);
        assertThat(List.of(deadEnds.readsPastedFormatting(), deadEnds.walksThroughKeySetup(),
                deadEnds.handsOffInsteadOfRefusing())).containsExactly(false, false, true);
        assertThat(List.of(humans.readsPastedFormatting(), humans.walksThroughKeySetup(),
                humans.handsOffInsteadOfRefusing())).containsExactly(false, false, false);
    }

    @Test
    void anInstructionInOwnWordsCountsLikeTheTemplate() {
        // Given
        String prompt = PROMPT + "\nWhen people paste messages from Slack, ignore the markup and answer the question.\n";

        // When / Then
        assertThat(AgentProfile.read(prompt, HARNESS, WANDB).readsPastedFormatting()).isTrue();
    }

    @Test
    void quotedUserMessagesInsideAFenceAreNotInstructions() {
        // Given: an unrelated instruction whose quoted evidence says what the formatting instruction says
        String prompt = withInstruction(PROMPT, RuleTemplates.HUMAN_AFTER_REPAIR.render(),
                EvidenceQuote.of("c1", "Users often paste text with markup; read through the formatting"));

        // When
        AgentProfile profile = AgentProfile.read(prompt, HARNESS, WANDB);

        // Then
        assertThat(prompt).contains("read through the formatting");
        assertThat(profile.readsPastedFormatting()).isFalse();
    }

    @Test
    void billingIsRoutedOnlyWhenTheHarnessHasTheToolThePromptNames() {
        // Given
        String prompt = withInstruction(PROMPT, RuleTemplates.ROUTE_BILLING.render(Map.of("tool", "billing_lookup")));
        String harnessWithTool = HARNESS.replace("tools:\n", "tools:\n  billing_lookup:\n    timeout_ms: 3000\n");
        String harnessWithDisabledTool = HARNESS.replace("tools:\n",
                "tools:\n  billing_lookup:\n    enabled: false\n");

        // When
        AgentProfile routed = AgentProfile.read(prompt, harnessWithTool, WANDB);
        AgentProfile noTool = AgentProfile.read(prompt, HARNESS, WANDB);
        AgentProfile disabled = AgentProfile.read(prompt, harnessWithDisabledTool, WANDB);
        AgentProfile notInPrompt = AgentProfile.read(PROMPT, harnessWithTool, WANDB);

        // Then
        assertThat(routed.billingRoute()).contains("billing_lookup");
        assertThat(noTool.billingRoute()).isEmpty();
        assertThat(noTool.handsOffInsteadOfRefusing()).isTrue();
        assertThat(disabled.billingRoute()).isEmpty();
        assertThat(notInPrompt.billingRoute()).isEmpty();
    }

    @Test
    void searchSettingsAndTemperatureFollowTheFilesAndTheirFallbacks() {
        // Given
        String longer = HARNESS.replace("timeout_ms: 2000", "timeout_ms: 4000");
        String noToolRetries = HARNESS.replace("    retries: 1\n    top_k", "    top_k");
        String noSearch = "tools:\n  create_invite:\n    timeout_ms: 5000\n";

        // When / Then
        assertThat(AgentProfile.read(PROMPT, longer, WANDB).searchTimeoutMs()).isEqualTo(4000);
        assertThat(AgentProfile.read(PROMPT, noToolRetries, WANDB).searchAttempts())
                .as("falls back to retries.max_attempts").isEqualTo(2);
        assertThat(AgentProfile.read(PROMPT, noSearch, WANDB).searchAttempts()).isZero();
        assertThat(AgentProfile.read(PROMPT, HARNESS, "temperature:\n  value: 0.7\n").temperature())
                .isEqualTo(0.7);
        assertThat(AgentProfile.read(PROMPT, HARNESS, "").temperature()).isEqualTo(AgentProfile.DEFAULT_TEMPERATURE);
    }
}
