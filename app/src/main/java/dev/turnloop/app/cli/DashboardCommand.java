package dev.turnloop.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.common.http.BearerToken;
import dev.turnloop.dashboard.DashboardFeed;
import dev.turnloop.dashboard.DashboardServer;
import dev.turnloop.dashboard.MetricsQueryClient;
import dev.turnloop.dashboard.PullRequestDiffs;
import dev.turnloop.dashboard.view.DashboardView;
import dev.turnloop.pr.PrWorkerStreams;
import dev.turnloop.pr.forge.Forge;
import dev.turnloop.pr.repo.AccessToken;
import dev.turnloop.pr.repo.TargetRepoConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the web dashboard against a running cluster, beside (not inside) the apps. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve the web dashboard: intents, outcomes, the backlog with evidence, pull requests with their "
                + "diffs, and verdicts, read from the pipeline's topics and the metrics app's interactive queries.",
                "With a token configured, every API request needs 'Authorization: Bearer <token>'."})
public final class DashboardCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--metrics-url", paramLabel = "URL",
            description = "The metrics app's query API, e.g. http://metrics:8089 (without it, no per-intent charts).")
    URI metricsUrl;

    @Option(names = "--series-window", defaultValue = "1h",
            description = "Window of the per-intent time series (default ${DEFAULT-VALUE}).")
    String seriesWindow;

    @Option(names = "--cohort-window", defaultValue = "1d",
            description = "Window of the per-version comparison (default ${DEFAULT-VALUE}).")
    String cohortWindow;

    @Option(names = "--token-env", paramLabel = "NAME", description = "Environment variable holding the API token.")
    String tokenEnv;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Secret file holding the API token.")
    Path tokenFile;

    @Option(names = "--metrics-token-env", paramLabel = "NAME",
            description = "Environment variable holding the metrics query API's bearer token, if it requires one.")
    String metricsTokenEnv;

    @Option(names = "--target-repo", paramLabel = "FILE",
            description = "The PR worker's target repository config, to show pull request diffs.")
    Path targetRepo;

    @Option(names = "--forge-token-env", paramLabel = "NAME",
            description = "Environment variable holding the forge token (for diffs from GitHub).")
    String forgeTokenEnv;

    @Override
    public Integer call() throws Exception {
        Pipeline pipeline = Pipeline.from(connection.config());
        ObjectMapper json = new ObjectMapper();
        DashboardView view = DashboardView.standard(DashboardView.Settings.defaults()
                .withVolumeBucket(java.time.Duration.ofHours(1)));
        Optional<MetricsQueryClient> metrics = Optional.ofNullable(metricsUrl)
                .map(url -> new MetricsQueryClient(url, json, seriesWindow, cohortWindow,
                        Optional.ofNullable(metricsTokenEnv).map(BearerToken::fromEnv)));
        try (DashboardFeed feed = new DashboardFeed(pipeline.config().kafkaClientProperties(), pipeline.topics(), view,
                List.of()).start();
             DashboardServer server = DashboardServer.start(new InetSocketAddress(bind, port), view, metrics,
                     diffs(), token(), json)) {
            System.out.println("dashboard at http://" + bind + ":" + server.port() + "/ reading "
                    + pipeline.config().bootstrapServers() + "; Ctrl-C to stop");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "dashboard-shutdown"));
            stopped.await();
        }
        return ExitCodes.OK;
    }

    private PullRequestDiffs diffs() throws java.io.IOException {
        if (targetRepo == null) {
            return PullRequestDiffs.NONE;
        }
        Forge forge = PrWorkerStreams.forge(TargetRepoConfig.load(targetRepo),
                forgeTokenEnv == null ? null : AccessToken.fromEnv(forgeTokenEnv));
        return branch -> forge.findByHead(branch).map(pr -> forge.diff(pr.number()));
    }

    private Optional<BearerToken> token() {
        if (tokenFile != null) {
            return Optional.of(BearerToken.fromFile(tokenFile));
        }
        return Optional.ofNullable(tokenEnv).map(BearerToken::fromEnv);
    }
}
