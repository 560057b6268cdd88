package dev.turnloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.app.TurnloopCommand;
import dev.turnloop.app.config.TurnloopConfig;
import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.pr.repo.TargetRepoConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import picocli.CommandLine;

/**
 * Every app the {@code turnloop} command knows runs as a StatefulSet that Kubernetes can probe, size, scrape and give
 * a state volume, started with arguments and configuration the real command accepts.
 */
class AppManifestsTest {

    static final List<String> APPS = TurnloopApps.NAMES;
    private static final List<K8sResource> DEPLOYED = K8sResource.deployed();

    /** The StatefulSet of an app: the one whose container runs {@code turnloop run APP}. */
    private static K8sResource statefulSet(String app) {
        List<K8sResource> running = K8sResource.ofKind(DEPLOYED, "StatefulSet").stream()
                .filter(s -> args(s).size() > 1 && args(s).subList(0, 2).equals(List.of("run", app))).toList();
        assertThat(running).as("StatefulSets running `turnloop run " + app + "`").hasSize(1);
        return running.get(0);
    }

    private static Map<String, Object> container(K8sResource statefulSet) {
        List<Object> containers = statefulSet.list("spec", "template", "spec", "containers");
        assertThat(containers).as(statefulSet.name() + " containers").hasSize(1);
        return K8sResource.asMap(containers.get(0), statefulSet.name() + " container");
    }

    private static List<String> args(K8sResource statefulSet) {
        return K8sResource.asList(container(statefulSet).get("args"), statefulSet.name() + " args").stream()
                .map(String::valueOf).toList();
    }

    /** The `run` options as the real command line parses them (unknown options fail here). */
    private static CommandLine.ParseResult parse(K8sResource statefulSet) {
        CommandLine.ParseResult parsed = TurnloopCommand.commandLine().parseArgs(args(statefulSet).toArray(String[]::new));
        return parsed.subcommand();
    }

    private static int containerPort(K8sResource statefulSet, String name) {
        return K8sResource.asList(container(statefulSet).get("ports"), "ports").stream()
                .map(p -> K8sResource.asMap(p, "port")).filter(p -> name.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError(statefulSet.name() + " has no container port named " + name));
    }

    private static Map<String, String> mounts(K8sResource statefulSet) {
        Map<String, String> mounts = new HashMap<>();
        K8sResource.asList(container(statefulSet).get("volumeMounts"), "volumeMounts").forEach(m -> {
            Map<String, Object> mount = K8sResource.asMap(m, "volumeMount");
            mounts.put((String) mount.get("mountPath"), (String) mount.get("name"));
        });
        return mounts;
    }

    /** The pod volume that holds {@code file}, by the longest mount path that contains it. */
    private static Map<String, Object> volumeHolding(K8sResource statefulSet, String file) {
        String volumeName = mounts(statefulSet).entrySet().stream()
                .filter(m -> Path.of(file).startsWith(Path.of(m.getKey())))
                .max((a, b) -> a.getKey().length() - b.getKey().length()).map(Map.Entry::getValue)
                .orElseThrow(() -> new AssertionError(file + " is on no volume of " + statefulSet.name()));
        return statefulSet.list("spec", "template", "spec", "volumes").stream()
                .map(v -> K8sResource.asMap(v, "volume")).filter(v -> volumeName.equals(v.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("volume " + volumeName + " is mounted but not declared"));
    }

    private static Optional<Map<String, Object>> env(K8sResource statefulSet, String name) {
        return K8sResource.asList(container(statefulSet).get("env"), "env").stream()
                .map(e -> K8sResource.asMap(e, "env")).filter(e -> name.equals(e.get("name"))).findFirst();
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void appRunsWithArgumentsTheRealCommandAccepts(String app) {
        // Given the app's StatefulSet
        K8sResource statefulSet = statefulSet(app);

        // When its arguments are parsed by turnloop's own command line
        CommandLine.ParseResult run = parse(statefulSet);

        // Then they select `run APP` with an ops port the container exposes
        assertThat(run.commandSpec().name()).isEqualTo("run");
        assertThat(run.matchedPositionalValue(0, "")).isEqualTo(app);
        assertThat(run.matchedOptionValue("--ops-port", -1)).as(app + " --ops-port")
                .isEqualTo(containerPort(statefulSet, "ops"));
        // and an ops endpoint bound to every interface: the kubelet and Prometheus dial the pod IP, not loopback
        assertThat(run.matchedOptionValue("--ops-host", "127.0.0.1")).as(app + " --ops-host").isEqualTo("0.0.0.0");
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void appIsProbedOnTheHealthOfItsOpsPort(String app) {
        // Given the app's container
        Map<String, Object> container = container(statefulSet(app));

        // Then its startup, readiness and liveness probes all GET /health on the ops port
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            Map<String, Object> httpGet = K8sResource.asMap(K8sResource.at(container, probe, "httpGet"),
                    app + " " + probe);
            assertThat(httpGet.get("path")).as(app + " " + probe + " path").isEqualTo("/health");
            assertThat(httpGet.get("port")).as(app + " " + probe + " port").isEqualTo("ops");
        }
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void appRequestsResourcesWithinItsLimits(String app) {
        // Given the app container's resources
        Map<String, Object> resources = K8sResource.asMap(container(statefulSet(app)).get("resources"), "resources");

        // Then CPU and memory are both requested, and requested no more than the limit
        for (String resource : List.of("cpu", "memory")) {
            Object request = K8sResource.at(resources, "requests", resource);
            Object limit = K8sResource.at(resources, "limits", resource);
            assertThat(Quantities.parse(request)).as(app + " " + resource + " request <= limit")
                    .isPositive().isLessThanOrEqualTo(Quantities.parse(limit));
        }
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void appKeepsItsStateDirOnAPersistentVolumeClaim(String app) {
        // Given the app's StatefulSet and the state dir it is configured with
        K8sResource statefulSet = statefulSet(app);
        String stateDir = (String) env(statefulSet, "TURNLOOP_STATE_DIR")
                .orElseThrow(() -> new AssertionError(app + " sets no TURNLOOP_STATE_DIR")).get("value");

        // Then the state dir is on a volume mounted from one of the StatefulSet's claim templates
        Set<String> claims = new HashSet<>();
        statefulSet.list("spec", "volumeClaimTemplates")
                .forEach(c -> claims.add((String) K8sResource.at(K8sResource.asMap(c, "claim"), "metadata", "name")));
        String volume = mounts(statefulSet).entrySet().stream()
                .filter(m -> Path.of(stateDir).startsWith(Path.of(m.getKey()))).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(stateDir + " is on no volume of " + app));
        assertThat(claims).as(app + " volume claim templates").contains(volume);
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void appIsScrapedOnItsOpsPort(String app) {
        // Given the app's StatefulSet, its governing Service and the ServiceMonitor
        K8sResource statefulSet = statefulSet(app);
        int opsPort = containerPort(statefulSet, "ops");
        Map<String, Object> annotations = statefulSet.map("spec", "template", "metadata", "annotations");
        K8sResource service = K8sResource.find(DEPLOYED, "Service", (String) statefulSet.map("spec").get("serviceName"));
        List<K8sResource> monitors = K8sResource.ofKind(DEPLOYED, "ServiceMonitor");
        assertThat(monitors).as("deployed ServiceMonitors").hasSize(1);
        K8sResource monitor = monitors.get(0);

        // Then annotation-based scrapers and the ServiceMonitor both find /metrics on the ops port
        assertThat(annotations).as(app + " Prometheus annotations")
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(opsPort))
                .containsEntry("prometheus.io/path", "/metrics");
        assertThat(statefulSet.map("spec", "template", "metadata", "labels"))
                .as(app + " pods are selected by their Service").containsAllEntriesOf(service.map("spec", "selector"));
        assertThat(service.list("spec", "ports")).as(app + " Service ports")
                .contains(Map.of("name", "ops", "port", opsPort, "targetPort", "ops"));
        assertThat(service.map("metadata", "labels")).as(app + " Service is selected by the ServiceMonitor")
                .containsAllEntriesOf(monitor.map("spec", "selector", "matchLabels"));
        assertThat(monitor.list("spec", "endpoints")).as("ServiceMonitor endpoints")
                .anySatisfy(e -> assertThat(K8sResource.asMap(e, "endpoint"))
                        .containsEntry("port", "ops").containsEntry("path", "/metrics"));
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void appGetsItsConfigurationFromTheConfigMapAndKafkaCredentialsFromSecrets(String app) {
        // Given the app's StatefulSet
        K8sResource statefulSet = statefulSet(app);
        Map<String, Object> configRef = Map.of("configMapRef", Map.of("name", AppConfig.CONFIG_MAP));

        // Then its environment comes from the ConfigMap, and the SASL and TLS secrets from Secrets
        assertThat(K8sResource.asList(container(statefulSet).get("envFrom"), "envFrom")).as(app + " envFrom")
                .contains(configRef);
        assertThat(env(statefulSet, "TURNLOOP_KAFKA_SASL_JAAS_CONFIG")).as(app + " SASL JAAS config")
                .hasValueSatisfying(e -> assertThat(K8sResource.at(e, "valueFrom", "secretKeyRef", "key"))
                        .isEqualTo("sasl.jaas.config"));
        assertThat(env(statefulSet, "TURNLOOP_KAFKA_SSL_TRUSTSTORE_PASSWORD")).as(app + " truststore password")
                .hasValueSatisfying(e -> assertThat(K8sResource.at(e, "valueFrom", "secretKeyRef")).isNotNull());
        String truststore = (String) AppConfig.environment().get("TURNLOOP_KAFKA_SSL_TRUSTSTORE_LOCATION");
        assertThat(volumeHolding(statefulSet, truststore)).as(app + " volume holding the truststore")
                .containsKey("secret");
    }

    @Test
    void metricsAppServesItsInteractiveQueriesThroughAService() {
        // Given the metrics app and the port its queries are served on
        K8sResource statefulSet = statefulSet("metrics");
        CommandLine.ParseResult run = parse(statefulSet);
        int queryPort = run.matchedOptionValue("--query-port", -1);

        // Then it listens on every interface and tells other instances its pod's stable DNS name
        assertThat(run.matchedOptionValue("--query-host", "127.0.0.1")).isEqualTo("0.0.0.0");
        assertThat(run.<String>matchedOptionValue("--advertised-query-host", "")).as("advertised query host")
                .isEqualTo("$(POD_NAME)." + statefulSet.map("spec").get("serviceName"));
        assertThat(container(statefulSet).toString()).as("POD_NAME from the downward API")
                .contains("name=POD_NAME", "fieldPath=metadata.name");

        // And the container exposes it and a Service routes to it
        assertThat(containerPort(statefulSet, "query")).as("query container port").isEqualTo(queryPort);
        Map<String, Object> podLabels = statefulSet.map("spec", "template", "metadata", "labels");
        assertThat(K8sResource.ofKind(DEPLOYED, "Service")).as("Services exposing the metrics queries")
                .anySatisfy(service -> {
                    assertThat(service.map("spec").get("clusterIP")).as("a routable (not headless) Service")
                            .isNotEqualTo("None");
                    assertThat(podLabels).containsAllEntriesOf(service.map("spec", "selector"));
                    assertThat(service.list("spec", "ports")).anySatisfy(p -> assertThat(K8sResource.asMap(p, "port"))
                            .containsEntry("targetPort", "query"));
                });
    }

    @Test
    void prWorkerReadsItsForgeTokenFromASecretAndItsTargetFromAValidConfig() {
        // Given the PR worker's parsed arguments
        K8sResource statefulSet = statefulSet("pr-worker");
        CommandLine.ParseResult run = parse(statefulSet);
        String tokenFile = run.matchedOptionValue("--forge-token-file", Path.of("")).toString();
        String targetRepo = run.matchedOptionValue("--target-repo", Path.of("")).toString();

        // Then the token file is a Secret's key, and the target repo YAML a ConfigMap key that turnloop accepts
        assertThat(volumeHolding(statefulSet, tokenFile)).as("volume holding " + tokenFile).containsKey("secret");
        Map<String, Object> configVolume = volumeHolding(statefulSet, targetRepo);
        String configMapName = (String) K8sResource.at(configVolume, "configMap", "name");
        String yaml = (String) K8sResource.find(DEPLOYED, "ConfigMap", configMapName).map("data")
                .get(Path.of(targetRepo).getFileName().toString());
        assertThat(yaml).as("target repo YAML in ConfigMap " + configMapName).isNotNull();
        TargetRepoConfig target = TargetRepoConfig.parse(yaml, null, configMapName);
        assertThat(target.files()).as("files the PR worker may edit").isNotEmpty();
    }

    @Test
    void configMapIsValidTurnloopConfigurationThatTheAppsRead() {
        // Given the ConfigMap's environment
        Map<String, String> env = new HashMap<>();
        AppConfig.environment().forEach((key, value) -> env.put(key, (String) value));

        // When turnloop loads its configuration from it
        TurnloopConfig config = TurnloopConfig.load(null, env, Map.of());

        // Then every turnloop key is one turnloop documents and takes effect, and Kafka keys are client settings
        env.keySet().stream().filter(k -> !k.startsWith("TURNLOOP_KAFKA_")).forEach(key ->
                assertThat(TurnloopConfig.documentation()).as("documented variable " + key)
                        .containsPattern("Env " + Pattern.quote(key) + "(?![A-Z0-9_])"));
        assertThat(config.bootstrapServers()).isEqualTo(env.get("TURNLOOP_BOOTSTRAP_SERVERS"));
        assertThat(config.schemaRegistryUrl()).isEqualTo(env.get("TURNLOOP_SCHEMA_REGISTRY_URL"));
        assertThat(config.topicPrefix()).isEqualTo(env.get("TURNLOOP_TOPIC_PREFIX"));
        assertThat(config.topicPartitions()).isEqualTo(Integer.parseInt(env.get("TURNLOOP_TOPIC_PARTITIONS")));
        assertThat(config.autoRegisterSchemas()).as("production never auto-registers schemas").isFalse();
        Set<String> clientSettings = new HashSet<>(ProducerConfig.configNames());
        clientSettings.addAll(ConsumerConfig.configNames());
        clientSettings.addAll(AdminClientConfig.configNames());
        Set<String> passedThrough = new HashSet<>(config.kafkaClientProperties().keySet());
        APPS.forEach(app -> K8sResource.asList(container(statefulSet(app)).get("env"), "env").stream()
                .map(e -> (String) K8sResource.asMap(e, "env").get("name"))
                .filter(name -> name.startsWith("TURNLOOP_KAFKA_"))
                .forEach(name -> passedThrough.add(name.substring("TURNLOOP_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'))));
        assertThat(passedThrough).as("Kafka client settings").isNotEmpty();
        assertThat(clientSettings).as("known Kafka client settings").containsAll(passedThrough);
    }

    @Test
    void schemasJobRunsTheRealRegisterCommandWithTheSameConfiguration() {
        // Given the schema registration Job
        K8sResource job = K8sResource.find(DEPLOYED, "Job", "turnloop-schemas-register");
        Map<String, Object> container = K8sResource.asMap(job.list("spec", "template", "spec", "containers").get(0),
                "container");
        String[] args = K8sResource.asList(container.get("args"), "args").stream().map(String::valueOf)
                .toArray(String[]::new);

        // When turnloop's command line parses its arguments
        CommandLine.ParseResult parsed = TurnloopCommand.commandLine().parseArgs(args);

        // Then it runs `schemas register` with the apps' configuration
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("schemas");
        assertThat(parsed.subcommand().subcommand().commandSpec().name()).isEqualTo("register");
        assertThat(K8sResource.asList(container.get("envFrom"), "envFrom"))
                .contains(Map.of("configMapRef", Map.of("name", AppConfig.CONFIG_MAP)));
    }
}
