package dev.turnloop.app.demo.sim;

import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * One conversation as a scenario wrote it: the turns in order and how the scenario meant it to end. The ending is
 * what the script intends; the pipeline decides the outcome itself from the turns, which is what the tests check.
 *
 * @param restatement the user's request in a few words, for a user who has to say it again
 */
record Script(List<Turn> turns, Ending ending, String restatement) {

    /** How a script means its conversation to end. */
    enum Ending {
        RESOLVED, ABANDONED, ESCALATED
    }

    /** One turn: who speaks, what they say, and the tools the agent called for it. */
    record Turn(Role role, String text, List<ToolCall> toolCalls) {

        Turn {
            toolCalls = List.copyOf(toolCalls);
        }

        /** Time the tools took, which delays the agent's answer. */
        long toolMillis() {
            return toolCalls.stream().mapToLong(ToolCall::getLatencyMs).sum();
        }
    }

    Script {
        turns = List.copyOf(turns);
        if (turns.isEmpty() || turns.get(0).role() != Role.USER) {
            throw new IllegalArgumentException("a conversation starts with the user");
        }
    }

    /** Builds a script turn by turn. */
    static final class Builder {
        private final List<Turn> turns = new ArrayList<>();
        private final String restatement;

        Builder(String restatement) {
            this.restatement = restatement;
        }

        Builder user(String text) {
            turns.add(new Turn(Role.USER, text, List.of()));
            return this;
        }

        Builder agent(String text, ToolCall... tools) {
            turns.add(new Turn(Role.ASSISTANT, text, List.of(tools)));
            return this;
        }

        Builder agent(String text, List<ToolCall> tools) {
            turns.add(new Turn(Role.ASSISTANT, text, tools));
            return this;
        }

        Builder humanAgent(String text) {
            turns.add(new Turn(Role.HUMAN_AGENT, text, List.of()));
            return this;
        }

        Script end(Ending ending) {
            return new Script(turns, ending, restatement);
        }
    }
}
