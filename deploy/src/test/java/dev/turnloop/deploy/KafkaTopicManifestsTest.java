package dev.turnloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.catalog.TopicSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Strimzi topics deployed to Kubernetes are exactly the topic catalog of the code, with its settings. */
class KafkaTopicManifestsTest {

    private static final Path TOPICS_FILE = RepoPaths.k8s().resolve("kafka-topics.yaml");

    /** The catalog the deployed apps will use: built from the prefix and partitions their ConfigMap gives them. */
    private static TopicCatalog deployedCatalog() {
        Map<String, Object> env = AppConfig.environment();
        return KafkaTopicManifests.catalog((String) env.get("TURNLOOP_TOPIC_PREFIX"),
                Integer.parseInt((String) env.get("TURNLOOP_TOPIC_PARTITIONS")));
    }

    @Test
    void committedTopicFileIsWhatTheGeneratorRendersFromTheCatalog() throws IOException {
        // Given the catalog the apps are configured with
        TopicCatalog catalog = deployedCatalog();

        // When it is rendered
        String rendered = KafkaTopicManifests.render(catalog);

        // Then the committed file is up to date
        assertThat(Files.readString(TOPICS_FILE, StandardCharsets.UTF_8))
                .as("deploy/k8s/kafka-topics.yaml is stale; regenerate it as deploy/README.md says")
                .isEqualTo(rendered);
    }

    @Test
    void everyCatalogTopicIsDeployedWithItsPartitionsCleanupPolicyAndRetention() {
        // Given the catalog and the deployed KafkaTopic resources
        TopicCatalog catalog = deployedCatalog();
        Map<String, K8sResource> deployed = K8sResource.ofKind(K8sResource.deployed(), "KafkaTopic").stream()
                .collect(Collectors.toMap(t -> (String) t.map("spec").get("topicName"), Function.identity()));

        // Then there is one per catalog topic and no other
        assertThat(deployed.keySet()).as("deployed topic names")
                .containsExactlyInAnyOrderElementsOf(catalog.all().stream().map(TopicSpec::name).toList());
        for (TopicSpec<?, ?> topic : catalog.all()) {
            K8sResource resource = deployed.get(topic.name());
            Map<String, Object> config = resource.map("spec", "config");
            assertThat(resource.map("spec").get("partitions")).as(topic.name() + " partitions")
                    .isEqualTo(topic.partitions());
            assertThat(config.get("cleanup.policy")).as(topic.name() + " cleanup.policy")
                    .isEqualTo(topic.cleanupPolicy().configValue());
            Object retention = config.get("retention.ms");
            assertThat(retention == null ? null : ((Number) retention).longValue()).as(topic.name() + " retention.ms")
                    .isEqualTo(topic.retention().map(r -> r.toMillis()).orElse(null));
            assertThat(resource.map("metadata", "labels").get("strimzi.io/cluster")).as(topic.name() + " cluster")
                    .isEqualTo(KafkaTopicManifests.CLUSTER);
        }
    }

    @Test
    void topicsLiveOnTheClusterTheAppsConnectToWithTheReplicationTheyAreToldAbout() {
        // Given the apps' configuration
        Map<String, Object> env = AppConfig.environment();

        // Then they bootstrap from the Strimzi cluster the topics belong to, and expect the same replication
        assertThat((String) env.get("TURNLOOP_BOOTSTRAP_SERVERS")).as("bootstrap servers")
                .startsWith(KafkaTopicManifests.CLUSTER + "-kafka-bootstrap:");
        assertThat(Integer.parseInt((String) env.get("TURNLOOP_TOPIC_REPLICATION_FACTOR")))
                .as("replication factor the apps use for their internal topics")
                .isEqualTo(KafkaTopicManifests.REPLICAS);
        List<Object> replicas = K8sResource.ofKind(K8sResource.deployed(), "KafkaTopic").stream()
                .map(t -> t.map("spec").get("replicas")).distinct().toList();
        assertThat(replicas).as("replicas of the KafkaTopics").containsExactly(KafkaTopicManifests.REPLICAS);
    }
}
