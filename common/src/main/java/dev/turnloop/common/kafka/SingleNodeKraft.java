package dev.turnloop.common.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of a one-node Kafka cluster in KRaft combined mode (broker and controller in one process) on
 * 127.0.0.1, shared by the embedded broker of the demo and benchmarks and the broker process of the tests. Plain
 * property names, so using it needs no Kafka server jars.
 *
 * <p>One node, so internal topics use replication factor 1 and min ISR 1, without which exactly-once never starts.
 */
public final class SingleNodeKraft {

    private static final String HOST = "127.0.0.1";
    public static final int NODE_ID = 1;
    /** The controller's listener name, which formatting the log directory must be told too. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private SingleNodeKraft() {
    }

    /** A fresh, mutable set of broker properties; callers add what only they need. */
    public static Properties properties(int brokerPort, int controllerPort, Path logDir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST
                + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.putAll(clusterOfOne());
        return props;
    }

    /**
     * What a cluster of one node needs whoever lays out its listeners (Kafka's own test kit does that for the
     * in-JVM broker of the integration tests): internal topics of one replica, and no waiting for other members.
     */
    public static Map<String, String> clusterOfOne() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "4");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "4");
        settings.put("min.insync.replicas", "1");
        // consumer groups (Streams apps) start at once instead of waiting for more members to join
        settings.put("group.initial.rebalance.delay.ms", "0");
        // every topic is created on purpose, with its partitions and configs
        settings.put("auto.create.topics.enable", "false");
        settings.put("num.partitions", "1");
        return settings;
    }

    /** The bootstrap servers of the broker listening on {@code brokerPort}. */
    public static String bootstrapServers(int brokerPort) {
        return HOST + ":" + brokerPort;
    }
}
