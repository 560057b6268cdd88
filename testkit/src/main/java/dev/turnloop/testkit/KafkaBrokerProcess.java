package dev.turnloop.testkit;

import dev.turnloop.common.kafka.SingleNodeKraft;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker as a separate process, configured as a {@link SingleNodeKraft} and run by Kafka's own
 * {@code kafka.Kafka} main from the Maven Central jars on the test classpath, its log directory formatted first by
 * Kafka's {@code kafka.tools.StorageTool}. A test can stop it cleanly (SIGTERM), kill it (SIGKILL) and start it again
 * on the same ports and log directory, as an operator restarting a broker would.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final long STOP_TIMEOUT_SECONDS = 60;
    private static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true");

    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private KafkaBrokerProcess(Path dir, Path config, Path log, int port) {
        this.dir = dir;
        this.config = config;
        this.log = log;
        this.port = port;
    }

    /**
     * Formats a fresh log directory under {@code dir}, starts the broker on free ports and waits until it answers.
     * The broker's output goes to {@code dir/broker.log}.
     */
    public static KafkaBrokerProcess start(Path dir) {
        int port = ApicurioRegistry.freePort();
        int controllerPort = ApicurioRegistry.freePort();
        Path dataDir = dir.resolve("data");
        Path config = dir.resolve("server.properties");
        Path log = dir.resolve("broker.log");
        try {
            Files.createDirectories(dataDir);
            writeConfig(config, dataDir, port, controllerPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker directory " + dir, e);
        }
        format(dir, config, log);
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, config, log, port);
        broker.start();
        return broker;
    }

    /** Starts the broker process on the existing log directory (again, after {@link #stop} or {@link #kill}). */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is already running (pid " + process.pid() + ")");
        }
        process = ChildJvm.start(MAIN_CLASS, JVM_OPTIONS, List.of(config.toString()), Map.of(), dir, log);
        awaitReady();
    }

    /** SIGTERM: the broker shuts down cleanly (leadership moved, logs flushed) before the process exits. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            ChildJvm.stop(process, STOP_TIMEOUT_SECONDS);
        }
    }

    /** SIGKILL: the broker dies mid-write, as on a power cut; its next start recovers the logs. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            ChildJvm.kill(process);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String bootstrapServers() {
        return SingleNodeKraft.bootstrapServers(port);
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** The broker's stdout and stderr. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                            .get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    // not listening or not unfenced yet
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
        throw new IllegalStateException("the broker did not answer within " + START_TIMEOUT + "; see " + log);
    }

    private static void format(Path dir, Path config, Path log) {
        Process formatter = ChildJvm.start(STORAGE_TOOL, JVM_OPTIONS,
                List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()),
                Map.of(), dir, log);
        try {
            if (!formatter.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                formatter.destroyForcibly();
                throw new IllegalStateException("formatting the broker's log directory failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting the broker's log directory", e);
        }
    }

    private static void writeConfig(Path config, Path dataDir, int port, int controllerPort) throws IOException {
        Properties props = SingleNodeKraft.properties(port, controllerPort, dataDir);
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "single-node KRaft broker for tests");
        }
    }
}
