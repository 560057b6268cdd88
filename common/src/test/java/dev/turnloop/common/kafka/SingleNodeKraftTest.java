package dev.turnloop.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SingleNodeKraftTest {

    private static final Path LOG_DIR = Path.of("/tmp/turnloop-kraft-test");
    private final Properties props = SingleNodeKraft.properties(9092, 9093, LOG_DIR);

    @Test
    void oneNodeIsBothBrokerAndTheOnlyControllerVoter() {
        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("controller.listener.names", "CONTROLLER");
        assertThat(SingleNodeKraft.NODE_ID).isEqualTo(1);
        assertThat(SingleNodeKraft.CONTROLLER_LISTENER).isEqualTo("CONTROLLER");
    }

    @Test
    void clientsAndTheControllerListenOnLoopbackOnTheirOwnPorts() {
        assertThat(props)
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT");
        assertThat(SingleNodeKraft.bootstrapServers(9092)).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void logsGoToTheGivenDirectory() {
        assertThat(props).containsEntry("log.dirs", LOG_DIR.toString());
    }

    @Test
    void internalTopicsFitOneNodeSoTransactionsStart() {
        assertThat(props)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("min.insync.replicas", "1");
    }

    @Test
    void topicsAreNeverCreatedImplicitlyAndGroupsStartAtOnce() {
        assertThat(props)
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void theBrokerPropertiesIncludeEverySettingOfAClusterOfOne() {
        assertThat(SingleNodeKraft.clusterOfOne()).isNotEmpty()
                .allSatisfy((key, value) -> assertThat(props).containsEntry(key, value));
    }

    @Test
    void everyCallGetsItsOwnCopyForCallersToExtend() {
        props.put("log.segment.bytes", "1024");

        assertThat(SingleNodeKraft.properties(9092, 9093, LOG_DIR)).doesNotContainKey("log.segment.bytes");
    }
}
