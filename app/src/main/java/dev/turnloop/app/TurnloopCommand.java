package dev.turnloop.app;

import dev.turnloop.app.cli.BacklogCommand;
import dev.turnloop.app.cli.BenchCommand;
import dev.turnloop.app.cli.DashboardCommand;
import dev.turnloop.app.cli.DemoCommand;
import dev.turnloop.app.cli.EvalCommand;
import dev.turnloop.app.cli.ExitCodes;
import dev.turnloop.app.cli.ReplayCommand;
import dev.turnloop.app.cli.RunCommand;
import dev.turnloop.app.cli.SchemasCommand;
import dev.turnloop.app.cli.TopicsCommand;
import dev.turnloop.app.cli.VersionCommand;
import dev.turnloop.app.config.TurnloopConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single {@code turnloop} command: every topology, the demo, evaluations and benchmarks. */
@Command(name = "turnloop", mixinStandardHelpOptions = true, versionProvider = TurnloopCommand.Version.class,
        description = "Makes AI agents in production measurably better from their own conversations.",
        footerHeading = "%nConfiguration (file via --config, environment, flags):%n",
        footer = "%s",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (the message says what went wrong and how to fix it)",
                "2:wrong usage (unknown option or bad value)"},
        subcommands = {VersionCommand.class, TopicsCommand.class, SchemasCommand.class, ReplayCommand.class,
                EvalCommand.class, RunCommand.class, BenchCommand.class, BacklogCommand.class,
                DemoCommand.class, DashboardCommand.class, CommandLine.HelpCommand.class})
public final class TurnloopCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        dev.turnloop.schemas.serde.TrustedContract.install();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TurnloopCommand());
        commandLine.setUsageHelpWidth(120);
        commandLine.getCommandSpec().usageMessage().footer(TurnloopConfig.documentation());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("error: " + rootMessage(e));
            if (System.getenv("TURNLOOP_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return ExitCodes.FAILED;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause.getMessage() == null || cause instanceof java.util.concurrent.ExecutionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"turnloop " + VersionCommand.turnloopVersion()};
        }
    }
}
