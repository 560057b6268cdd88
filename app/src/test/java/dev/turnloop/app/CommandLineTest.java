package dev.turnloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cmd = TurnloopCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] command : new String[][] {{"version"}, {"topics", "create"}, {"schemas", "register"}, {"run"}, {"eval", "signals"}, {"eval", "verdicts"},
                {"bench", "ingest"}, {"bench", "pipeline"}, {"dashboard"}, {"backlog"},
                {"replay"}, {"demo"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Result result = run(args);
            assertThat(result.exitCode()).as("exit code of %s --help", String.join(" ", command)).isZero();
            assertThat(result.out()).as("usage of %s", String.join(" ", command)).contains("Usage:");
        }
    }

    @Test
    void unknownOptionsAreUsageErrorsWithExitCode2() {
        Result result = run("replay", "--file", "x", "--no-such-option");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option");
    }

    @Test
    void aMissingFileIsAClearRuntimeErrorWithExitCode1() {
        Result result = run("replay", "--file", "/no/such/turns.jsonl.gz", "--schema-registry-url", "mock://cli");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("does not exist").contains(".jsonl");
    }

    @Test
    void badDurationsAreUsageErrors() {
        Result result = run("replay", "--file", "x", "--turn-gap", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not a duration");
    }
}
