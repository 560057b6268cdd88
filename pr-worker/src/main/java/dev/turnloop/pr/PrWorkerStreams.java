package dev.turnloop.pr;

import com.sun.net.httpserver.HttpHandler;
import dev.turnloop.pr.forge.Forge;
import dev.turnloop.pr.forge.GitHubForge;
import dev.turnloop.pr.forge.LocalForge;
import dev.turnloop.pr.forge.WebhookVerifier;
import dev.turnloop.pr.repo.AccessToken;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.pr.worker.MergeNotifications;
import dev.turnloop.pr.worker.MergeWebhookHandler;
import dev.turnloop.schemas.streams.StreamsDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** How the PR worker runs: the shared Streams defaults with room for slow git and forge calls, and its forge. */
public final class PrWorkerStreams {
    /**
     * A cycle may push branches and call the forge while a transaction is open; Streams' exactly-once default of 10 s
     * would abort it on a slow remote, so the transaction and poll timeouts leave minutes.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(5);
    static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(10);

    private PrWorkerStreams() {
    }

    public static Properties properties(Map<String, Object> clientProperties, String applicationId, String stateDir,
            String deadLetterTopic) {
        Properties props = StreamsDefaults.properties(clientProperties, applicationId, stateDir, deadLetterTopic);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) TRANSACTION_TIMEOUT.toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
                (int) MAX_POLL_INTERVAL.toMillis());
        // one task owns the backlog and the work dir; more threads would only idle
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        return props;
    }

    /**
     * The forge for the target repository: GitHub's REST API for an https repository (GitHub Enterprise for other
     * hosts), the {@link LocalForge} beside a local repository path.
     *
     * @param token the forge API token; required for https repositories, ignored for local ones
     */
    public static Forge forge(TargetRepoConfig config, AccessToken token) {
        if (config.isHttpRemote()) {
            return GitHubForge.forRepositoryUrl(config.repository(), Objects.requireNonNull(token,
                    "an https repository needs a forge token"));
        }
        return LocalForge.nextTo(Path.of(config.repository().replaceFirst("^file://", "")));
    }

    /** The merge webhook handler to mount (e.g. at {@code /webhooks/github}), checking deliveries with {@code secret}. */
    public static HttpHandler mergeWebhook(AccessToken secret, MergeNotifications merges) {
        return new MergeWebhookHandler(new WebhookVerifier(secret), merges);
    }
}
