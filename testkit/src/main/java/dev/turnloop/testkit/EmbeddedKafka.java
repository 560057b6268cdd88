package dev.turnloop.testkit;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft broker (combined broker + controller) in this JVM on random ports, started once and shared by every
 * integration test of the JVM. Replication factors and min ISR are 1 so that exactly-once (transactions) starts on a
 * single node.
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
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("min.insync.replicas", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
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
