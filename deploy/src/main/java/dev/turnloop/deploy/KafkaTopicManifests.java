package dev.turnloop.deploy;

import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.catalog.TopicSpec;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the Strimzi {@code KafkaTopic} resources of every topic in the {@link TopicCatalog}, so the Kubernetes
 * manifests are generated from the same catalog that {@code turnloop topics create} uses and cannot drift from it.
 * A test checks that the committed {@code deploy/k8s/kafka-topics.yaml} equals what this renders.
 *
 * <p>Regenerate: {@code mvn -q -pl deploy compile exec:java -Dexec.mainClass=dev.turnloop.deploy.KafkaTopicManifests
 * -Dexec.args=deploy/k8s/kafka-topics.yaml}
 */
public final class KafkaTopicManifests {

    /** The Strimzi Kafka cluster the topics belong to (label {@code strimzi.io/cluster}). */
    public static final String CLUSTER = "turnloop-kafka";
    /** Replicas of every topic: with the cluster's min.insync.replicas of 2, one broker may be down. */
    public static final int REPLICAS = 3;
    /** Partitions of the per-conversation topics: turnloop's default ({@code turnloop.topic.partitions}). */
    public static final int DEFAULT_PARTITIONS = 6;

    private KafkaTopicManifests() {
    }

    /** The topic catalog for a prefix and a partition count (no registry needed: only names and settings are used). */
    public static TopicCatalog catalog(String prefix, int partitions) {
        return TopicCatalog.create(prefix, new AvroSerdes(new InMemorySchemaRegistry(), false), partitions);
    }

    /** One YAML stream with a {@code KafkaTopic} per catalog topic, in catalog order. */
    public static String render(TopicCatalog catalog) {
        StringBuilder yaml = new StringBuilder()
                .append("# Generated from dev.turnloop.schemas.catalog.TopicCatalog by ")
                .append(KafkaTopicManifests.class.getName()).append("; do not edit.\n")
                .append("# Prefix '").append(catalog.prefix()).append("'. Regenerate after changing the catalog: see ")
                .append("deploy/README.md.\n");
        for (TopicSpec<?, ?> topic : catalog.all()) {
            yaml.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(resourceName(topic.name())).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("    app.kubernetes.io/part-of: turnloop\n")
                    .append("  annotations:\n")
                    .append("    turnloop.dev/description: \"").append(topic.description().replace("\"", "\\\"")).append("\"\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(REPLICAS).append('\n')
                    .append("  config:\n");
            topic.configs().forEach((key, value) -> yaml.append("    ").append(key).append(": ").append(value)
                    .append('\n'));
        }
        return yaml.toString();
    }

    /** A Kubernetes resource name for a topic: lower case, dots as dashes (Strimzi keeps the real name in topicName). */
    public static String resourceName(String topicName) {
        return topicName.toLowerCase(Locale.ROOT).replace('.', '-').replace('_', '-');
    }

    /** Writes the manifests of the default catalog to the file named by the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KafkaTopicManifests OUTPUT.yaml");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        Files.writeString(output, render(catalog(TopicCatalog.DEFAULT_PREFIX, DEFAULT_PARTITIONS)),
                StandardCharsets.UTF_8);
        System.out.println("wrote " + output.toAbsolutePath());
    }
}
