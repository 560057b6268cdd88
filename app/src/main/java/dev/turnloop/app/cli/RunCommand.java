package dev.turnloop.app.cli;

import dev.turnloop.app.run.StreamsRunner;
import dev.turnloop.app.run.TurnloopApps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one turnloop app, or all of them in this process, until interrupted (SIGTERM / Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a topology against a Kafka cluster until stopped (SIGTERM or Ctrl-C closes it cleanly).",
                "Start as many processes of an app as you like: Kafka spreads the partitions among them."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "APP", description = "ingest, or all.")
    String app;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--standby-replicas", defaultValue = "0",
            description = "Warm standby copies of each state store on other instances (default ${DEFAULT-VALUE}).")
    int standbys;

    @Override
    public Integer call() throws InterruptedException {
        Pipeline pipeline = Pipeline.from(connection.config());
        List<String> names = "all".equals(app) ? TurnloopApps.NAMES : List.of(app);
        List<StreamsRunner> runners = new ArrayList<>();
        for (String name : names) {
            TurnloopApps.App created = TurnloopApps.create(name, pipeline, threads, standbys);
            runners.add(StreamsRunner.start(created.name(), created.topology(), created.properties()));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runners.forEach(StreamsRunner::close);
            stopped.countDown();
        }, "turnloop-shutdown"));
        System.out.println("running " + names + " against " + pipeline.config().bootstrapServers()
                + "; Ctrl-C to stop");
        stopped.await();
        return ExitCodes.OK;
    }
}
