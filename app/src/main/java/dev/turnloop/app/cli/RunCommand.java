package dev.turnloop.app.cli;

import dev.turnloop.app.run.OpsEndpoint;
import dev.turnloop.app.run.StreamsRunner;
import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.common.http.BearerToken;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.intent.IntentTopology;
import dev.turnloop.intent.embed.MiniLmEmbedder;
import dev.turnloop.metrics.MetricsSettings;
import dev.turnloop.metrics.MetricsTopology;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.pr.PrWorker;
import dev.turnloop.pr.PrWorkerSettings;
import dev.turnloop.pr.repo.AccessToken;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.pr.worker.MergeNotifications;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one turnloop app, or all of them in this process, until interrupted (SIGTERM / Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an app against a Kafka cluster until stopped (SIGTERM or Ctrl-C closes it cleanly).",
                "Start as many processes of an app as you like: Kafka spreads the partitions among them.",
                "Apps: ingest, intents, metrics, pr-worker, or all."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "APP", description = "ingest, intents, metrics, pr-worker, or all.")
    String app;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--standby-replicas", defaultValue = "0",
            description = "Warm standby copies of each state store on other instances (default ${DEFAULT-VALUE}).")
    int standbys;

    @Option(names = "--ops-port", defaultValue = "9464",
            description = "Port of /metrics (Prometheus) and /health; 0 = a free port, -1 = off (default ${DEFAULT-VALUE}).")
    int opsPort;

    @Option(names = "--ops-host", defaultValue = "127.0.0.1",
            description = "Address the ops endpoint binds; 0.0.0.0 in a container, so probes and scrapers reach it "
                    + "(default ${DEFAULT-VALUE}).")
    String opsHost;

    @Option(names = "--query-port", defaultValue = "8089",
            description = "Port of the metrics app's interactive queries; -1 = off (default ${DEFAULT-VALUE}).")
    int queryPort;

    @Option(names = "--query-host", defaultValue = "127.0.0.1",
            description = "Address the metrics app's query API binds (default ${DEFAULT-VALUE}).")
    String queryHost;

    @Option(names = "--query-token-env", paramLabel = "NAME",
            description = "Environment variable holding a bearer token the metrics query API then requires.")
    String queryTokenEnv;

    @Option(names = "--advertised-query-host", paramLabel = "HOST",
            description = "Host other metrics instances reach this one's query API at, e.g. the pod's DNS name "
                    + "(default: --query-host, or this machine's host name when that is a wildcard).")
    String advertisedQueryHost;

    @Option(names = "--breach-rules", paramLabel = "FILE", description = "Breach rules YAML (default: built in).")
    Path breachRules;

    @Option(names = "--target-repo", paramLabel = "FILE",
            description = "pr-worker: the target repository config YAML (which files are prompts, harness, W&B).")
    Path targetRepo;

    @Option(names = "--pr-settings", paramLabel = "FILE", description = "pr-worker: scoring/mechanism settings YAML.")
    Path prSettings;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${java.io.tmpdir}/turnloop-pr-worker",
            description = "pr-worker: where the target repository is cloned (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--forge-token-env", paramLabel = "NAME",
            description = "pr-worker: environment variable holding the forge token (e.g. GITHUB_TOKEN).")
    String tokenEnv;

    @Option(names = "--forge-token-file", paramLabel = "FILE", description = "pr-worker: secret file with the token.")
    Path tokenFile;

    @Override
    public Integer call() throws Exception {
        Pipeline pipeline = Pipeline.from(connection.config());
        List<String> names = "all".equals(app) ? TurnloopApps.NAMES : List.of(app);
        OpsEndpoint ops = new OpsEndpoint();
        List<StreamsRunner> runners = new ArrayList<>();
        List<AutoCloseable> sidecars = new ArrayList<>();
        for (String name : names) {
            TurnloopApps.App created = create(name, pipeline, ops);
            StreamsRunner runner = StreamsRunner.start(created.name(), created.topology(), created.properties());
            runners.add(runner);
            ops.watch(runner);
            sidecars.add(created.sidecar().start(runner.streams()));
        }
        if (opsPort >= 0) {
            System.out.println("ops endpoint: http://" + opsHost + ":" + ops.start(opsHost, opsPort) + "/metrics");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable sidecar : sidecars) {
                try {
                    sidecar.close();
                } catch (Exception e) {
                    // shutting down
                }
            }
            runners.forEach(StreamsRunner::close);
            ops.close();
            stopped.countDown();
        }, "turnloop-shutdown"));
        System.out.println("running " + names + " against " + pipeline.config().bootstrapServers()
                + "; Ctrl-C to stop");
        stopped.await();
        return ExitCodes.OK;
    }

    private TurnloopApps.App create(String name, Pipeline pipeline, OpsEndpoint ops) throws java.io.IOException {
        return switch (name) {
            case IngestTopology.APP -> TurnloopApps.ingest(pipeline, pipeline.config().ingestSettings(), threads,
                    standbys);
            case IntentTopology.APP -> TurnloopApps.intents(pipeline, pipeline.config().intentSettings(),
                    new MiniLmEmbedder(), threads, standbys);
            case MetricsTopology.APP -> TurnloopApps.metrics(pipeline, MetricsSettings.defaults(),
                    breachRules == null ? BreachRules.defaults() : BreachRules.load(breachRules),
                    new TurnloopApps.QueryEndpoint(queryHost, advertisedQueryHost(), queryPort,
                            Optional.ofNullable(queryTokenEnv).map(BearerToken::fromEnv)), ops.registry(), threads,
                    standbys);
            case PrWorker.APP -> TurnloopApps.prWorker(pipeline, prWorkerSetup(), new MergeNotifications());
            default -> throw new IllegalArgumentException("unknown app '" + name + "'; choose one of "
                    + TurnloopApps.NAMES + " or all");
        };
    }

    /** A wildcard bind address cannot be dialled: other instances are told this machine's host name instead. */
    private String advertisedQueryHost() throws java.net.UnknownHostException {
        if (advertisedQueryHost != null) {
            return advertisedQueryHost;
        }
        boolean wildcard = queryHost.equals("0.0.0.0") || queryHost.equals("::");
        return wildcard ? java.net.InetAddress.getLocalHost().getCanonicalHostName() : queryHost;
    }

    private TurnloopApps.PrWorkerSetup prWorkerSetup() throws java.io.IOException {
        if (targetRepo == null) {
            throw new IllegalArgumentException("pr-worker needs --target-repo FILE: a YAML naming the repository and "
                    + "which files are system prompts, harness configs and W&B configs (see docs/architecture.md)");
        }
        AccessToken token = tokenFile != null ? AccessToken.fromFile(tokenFile)
                : tokenEnv != null ? AccessToken.fromEnv(tokenEnv) : null;
        return new TurnloopApps.PrWorkerSetup(TargetRepoConfig.load(targetRepo),
                prSettings == null ? PrWorkerSettings.defaults() : PrWorkerSettings.load(prSettings), workDir, token);
    }
}
