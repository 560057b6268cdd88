package dev.turnloop.testkit;

import dev.turnloop.common.kafka.SingleNodeKraft;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft broker (combined broker + controller) in this JVM on random ports, started once and shared by every
 * integration test of the JVM. Replication factors and min ISR are 1 so that exactly-once (transactions) starts on a
 * single node.
 *
 * <p>A broker that meets a fault it cannot recover from (a log directory it can no longer write, typically while it
 * is being stopped at JVM exit) halts its process. Here its process is the test JVM, and a halt with status 1 turns
 * a run whose tests all passed into a failed build with nothing in the reports. So, as Kafka's own test harness does,
 * the broker's exit and halt requests are printed instead of obeyed: a test that depends on the broker still fails
 * on what it observes.
 */
public final class EmbeddedKafka {

    private static volatile EmbeddedKafka shared;

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** The JVM-wide broker, started on first use and stopped when the JVM exits. */
    public static EmbeddedKafka shared() {
        EmbeddedKafka broker = shared;
        if (broker == null) {
            synchronized (EmbeddedKafka.class) {
                broker = shared;
                if (broker == null) {
                    broker = start();
                    Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "embedded-kafka-stop"));
                    shared = broker;
                }
            }
        }
        return broker;
    }

    /** Starts a new single-node cluster; the caller stops it. */
    public static EmbeddedKafka start() {
        keepTheJvmWhenTheBrokerGivesUp();
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            SingleNodeKraft.clusterOfOne().forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    static void keepTheJvmWhenTheBrokerGivesUp() {
        Exit.setHaltProcedure((status, message) -> System.err.printf(
                "embedded Kafka broker asked to halt the JVM (status %d): %s; ignored in tests%n", status, message));
        Exit.setExitProcedure((status, message) -> System.err.printf(
                "embedded Kafka broker asked to exit the JVM (status %d): %s; ignored in tests%n", status, message));
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    public void stop() {
        try {
            cluster.close();
        } catch (Exception e) {
            // shutting down: nothing left to protect
        }
    }
}
