package dev.turnloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local-run scripts are valid bash, strict, and explain themselves; running them for real is in the README. */
class LocalScriptsTest {

    private static final Path LOCAL = RepoPaths.deploy().resolve("local");
    private static final Duration QUICK = Duration.ofSeconds(30);

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(LOCAL)) {
            return files.filter(f -> f.toString().endsWith(".sh")).filter(f -> !f.toString().contains("/target/"))
                    .sorted().toList();
        }
    }

    @Test
    void everyScriptPassesBashSyntaxCheck() throws IOException {
        List<Path> scripts = scripts();

        assertThat(scripts).as("scripts under deploy/local").hasSizeGreaterThanOrEqualTo(4);
        for (Path script : scripts) {
            ProcessRun check = ProcessRun.of(LOCAL, QUICK, "bash", "-n", script.toString());
            assertThat(check.exitCode()).as(check.toString()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"start.sh", "stop.sh", "status.sh"})
    void scriptIsStrictExecutableAndPrintsItsUsage(String name) throws IOException {
        Path script = LOCAL.resolve(name);

        ProcessRun help = ProcessRun.of(LOCAL, QUICK, script.toString(), "--help");
        ProcessRun wrong = ProcessRun.of(LOCAL, QUICK, script.toString(), "--no-such-option");

        assertThat(Files.readString(script)).as(name).contains("set -euo pipefail");
        assertThat(Files.isExecutable(script)).as(name + " is executable").isTrue();
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.output()).as(name + " --help").contains("Usage: deploy/local/" + name).contains("--dir");
        assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
        assertThat(wrong.output()).as(name + " with an unknown option").contains("unknown option '--no-such-option'");
    }

    @Test
    void startScriptOptionsAreAllDocumentedInItsHelp() throws IOException {
        Path start = LOCAL.resolve("start.sh");
        String source = Files.readString(start);
        String help = ProcessRun.of(LOCAL, QUICK, start.toString(), "--help").output();

        List<String> parsed = source.lines().map(String::strip).filter(l -> l.matches("--[a-z-]+\\).*"))
                .map(l -> l.substring(0, l.indexOf(')'))).toList();

        assertThat(parsed).as("options start.sh parses").isNotEmpty();
        assertThat(help).as("start.sh --help").contains(parsed);
    }
}
