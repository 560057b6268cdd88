package dev.turnloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.catalog.TopicSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/k8s holds well-formed manifests, deploys all of them except examples, and grants what turnloop needs. */
class KustomizationTest {

    @Test
    void everyManifestParsesAndNamesItsKindAndName() {
        // Given every YAML file under deploy/k8s, examples included
        List<K8sResource> resources = K8sResource.load(K8sResource.manifestFiles());

        // Then each document is a resource with an apiVersion, a kind and a name, unique per kind
        Set<String> seen = new HashSet<>();
        assertThat(resources).as("resources").isNotEmpty().allSatisfy(r -> {
            assertThat(r.doc().get("apiVersion")).as(r.file() + " apiVersion").isInstanceOf(String.class);
            assertThat(r.kind()).as(r.file() + " kind").isNotBlank();
            assertThat(r.name()).as(r.file() + " name").matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            assertThat(seen.add(r.kind() + "/" + r.name())).as("unique " + r.kind() + "/" + r.name()).isTrue();
        });
    }

    @Test
    void kustomizationDeploysEveryManifestButTheExamples() {
        // Given the files under deploy/k8s
        List<String> manifests = K8sResource.manifestFiles().stream().map(p -> p.getFileName().toString())
                .filter(name -> !name.endsWith(".example.yaml")).toList();

        // When kustomization.yaml is read
        List<Object> listed = K8sResource.load(List.of(RepoPaths.k8s().resolve("kustomization.yaml"))).get(0)
                .list("resources");

        // Then it lists exactly those
        assertThat(listed).as("kustomization resources").containsExactlyInAnyOrderElementsOf(manifests);
    }

    @Test
    void kafkaUserMayUseEveryCatalogTopicAndWhatEachStreamsAppCreates() {
        // Given the deployed catalog and the KafkaUser's ACLs
        Map<String, Object> env = AppConfig.environment();
        TopicCatalog catalog = KafkaTopicManifests.catalog((String) env.get("TURNLOOP_TOPIC_PREFIX"),
                Integer.parseInt((String) env.get("TURNLOOP_TOPIC_PARTITIONS")));
        List<Map<String, Object>> acls = K8sResource.find(K8sResource.deployed(), "KafkaUser", "turnloop")
                .list("spec", "authorization", "acls").stream().map(a -> K8sResource.asMap(a, "acl")).toList();

        // Then every topic may be read and written, and each app id may own internal topics, its group and
        // transactional ids
        for (TopicSpec<?, ?> topic : catalog.all()) {
            assertThat(granted(acls, "topic", topic.name())).as("operations on " + topic.name())
                    .containsAnyOf("All", "Read").containsAnyOf("All", "Write");
        }
        for (String app : TurnloopApps.NAMES) {
            String applicationId = catalog.applicationId(app);
            for (String type : List.of("topic", "group", "transactionalId")) {
                assertThat(granted(acls, type, applicationId + "-x")).as(type + " operations for " + applicationId)
                        .contains("All");
            }
        }
    }

    /** Operations the ACLs grant on a resource of a type and name (prefix or literal patterns). */
    private static Set<String> granted(List<Map<String, Object>> acls, String type, String name) {
        Set<String> operations = new HashSet<>();
        for (Map<String, Object> acl : acls) {
            Map<String, Object> resource = K8sResource.asMap(acl.get("resource"), "acl resource");
            String pattern = (String) resource.get("name");
            boolean prefix = "prefix".equals(resource.get("patternType"));
            if (type.equals(resource.get("type")) && (prefix ? name.startsWith(pattern) : name.equals(pattern))) {
                K8sResource.asList(acl.get("operations"), "operations").forEach(o -> operations.add((String) o));
            }
        }
        return operations;
    }

    @Test
    void exampleSecretIsTheOneThePrWorkerMounts() {
        // Given the example Secret and the deployed resources
        K8sResource example = K8sResource.load(List.of(RepoPaths.k8s().resolve("forge-secret.example.yaml"))).get(0);
        List<K8sResource> deployed = K8sResource.deployed();

        // When the PR worker's volume from that Secret is looked up
        Object mounted = K8sResource.find(deployed, "StatefulSet", "turnloop-pr-worker")
                .list("spec", "template", "spec", "volumes").stream().map(v -> K8sResource.asMap(v, "volume"))
                .filter(v -> v.containsKey("secret"))
                .filter(v -> example.name().equals(K8sResource.at(v, "secret", "secretName"))).findFirst()
                .map(v -> K8sResource.at(v, "secret", "items")).orElse(null);

        // Then it exists and mounts keys the example has
        assertThat(mounted).as("the PR worker mounts the example's Secret").isNotNull();
        assertThat(example.map("stringData")).as("keys of the example Secret")
                .containsKeys(K8sResource.asList(mounted, "items").stream()
                        .map(i -> (String) K8sResource.asMap(i, "item").get("key")).toArray(String[]::new));
    }
}
