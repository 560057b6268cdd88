package dev.turnloop.app.broker;

import dev.turnloop.common.kafka.SingleNodeKraft;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker in this process, configured as a {@link SingleNodeKraft}, for the embedded demo and benchmarks.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final Path logDir;
    private final int port;
    private final boolean deleteOnClose;

    private EmbeddedBroker(KafkaRaftServer server, Path logDir, int port, boolean deleteOnClose) {
        this.server = server;
        this.logDir = logDir;
        this.port = port;
        this.deleteOnClose = deleteOnClose;
    }

    /** Formats a fresh log directory and starts the broker; {@code port} 0 picks a free port. */
    public static EmbeddedBroker start(Path logDir, int port, boolean deleteOnClose) throws Exception {
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Files.createDirectories(logDir);
        Properties props = SingleNodeKraft.properties(brokerPort, controllerPort, logDir);
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));

        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(SingleNodeKraft.NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName(SingleNodeKraft.CONTROLLER_LISTENER)
                .setIgnoreFormatted(true)
                .run();
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedBroker(server, logDir, brokerPort, deleteOnClose);
    }

    public String bootstrapServers() {
        return SingleNodeKraft.bootstrapServers(port);
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(logDir);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
