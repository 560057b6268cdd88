package dev.turnloop.app.cli;

import dev.turnloop.pr.backlog.BacklogView;
import dev.turnloop.pr.backlog.RankedItem;
import dev.turnloop.schemas.BacklogItem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists the backlog, ranked, with its evidence (redacted upstream). */
@Command(name = "backlog", mixinStandardHelpOptions = true,
        description = "List backlog items ranked by score, each with its mechanism, target metric and evidence.")
public final class BacklogCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--all", description = "Include kept and closed items.")
    boolean all;

    @Option(names = "--evidence", defaultValue = "3", description = "Evidence conversations per item (default ${DEFAULT-VALUE}).")
    int evidence;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "30s", converter = HumanDuration.class,
            description = "How long to read the backlog topic (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Pipeline pipeline = Pipeline.from(connection.config());
        List<BacklogItem> items = BacklogView.read(pipeline.config().kafkaClientProperties(),
                pipeline.topics().backlog, timeout);
        List<RankedItem> ranked = BacklogView.rank(items, all);
        System.out.print(json ? BacklogView.renderJson(ranked, evidence) : BacklogView.renderText(ranked, evidence));
        return ExitCodes.OK;
    }
}
