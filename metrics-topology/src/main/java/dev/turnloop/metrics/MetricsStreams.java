package dev.turnloop.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.common.http.BearerToken;
import dev.turnloop.metrics.query.InstanceRouter;
import dev.turnloop.metrics.query.MetricStores;
import dev.turnloop.metrics.query.MetricsHttpServer;
import dev.turnloop.metrics.query.MetricsQueries;
import dev.turnloop.metrics.query.RemoteQueries;
import dev.turnloop.schemas.streams.StreamsDefaults;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How the metrics app runs: the shared Streams defaults plus {@code application.server}, through which instances
 * find each other for interactive queries, and the query HTTP server over the running app's stores.
 */
public final class MetricsStreams {

    /** How long a query waits for another instance. */
    public static final Duration REMOTE_QUERY_TIMEOUT = Duration.ofSeconds(5);

    private MetricsStreams() {
    }

    /**
     * @param applicationServer host and port at which this instance serves the query API, advertised to the other
     *                          instances
     */
    public static Properties properties(Map<String, Object> clientProperties, String applicationId, String stateDir,
            String deadLetterTopic, HostInfo applicationServer) {
        Properties props = StreamsDefaults.properties(clientProperties, applicationId, stateDir, deadLetterTopic);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer.host() + ":" + applicationServer.port());
        return props;
    }

    /** The query API over a running app's stores, routing to other instances through Streams metadata. */
    public static MetricsQueries queries(KafkaStreams streams, MetricsSettings settings, HostInfo self) {
        return queries(streams, settings, self, Optional.empty());
    }

    /** As above; {@code token} is sent to the other instances, which require the same one. */
    public static MetricsQueries queries(KafkaStreams streams, MetricsSettings settings, HostInfo self,
            Optional<BearerToken> token) {
        return new MetricsQueries(settings.windows(), MetricStores.of(streams), InstanceRouter.of(streams, self),
                RemoteQueries.http(new ObjectMapper(), REMOTE_QUERY_TIMEOUT, token));
    }

    /**
     * Starts the query HTTP server of this instance on {@code bind} (e.g. 0.0.0.0 and the port of
     * {@code applicationServer}); close it before the Streams app.
     */
    public static MetricsHttpServer startQueryServer(KafkaStreams streams, MetricsSettings settings,
            HostInfo applicationServer, InetSocketAddress bind) throws IOException {
        return startQueryServer(streams, settings, applicationServer, bind, Optional.empty());
    }

    /** As above; with a token, every request (including other instances') needs it as a bearer token. */
    public static MetricsHttpServer startQueryServer(KafkaStreams streams, MetricsSettings settings,
            HostInfo applicationServer, InetSocketAddress bind, Optional<BearerToken> token) throws IOException {
        return MetricsHttpServer.start(bind, queries(streams, settings, applicationServer, token), new ObjectMapper(),
                token);
    }
}
