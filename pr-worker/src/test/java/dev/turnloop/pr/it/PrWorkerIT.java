package dev.turnloop.pr.it;

import static dev.turnloop.pr.TestBreaches.breach;
import static dev.turnloop.pr.TestBreaches.searchTimeouts;
import static dev.turnloop.pr.TestBreaches.verdict;
import static dev.turnloop.pr.repo.TestRepos.HARNESS;
import static dev.turnloop.pr.repo.TestRepos.HARNESS_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.pr.PrWorker;
import dev.turnloop.pr.PrWorkerSettings;
import dev.turnloop.pr.PrWorkerStreams;
import dev.turnloop.pr.backlog.BacklogView;
import dev.turnloop.pr.forge.FakeGitHubPullsApi;
import dev.turnloop.pr.forge.GitHubForge;
import dev.turnloop.pr.forge.LocalForge;
import dev.turnloop.pr.forge.PullRequestDraft;
import dev.turnloop.pr.repo.AccessToken;
import dev.turnloop.pr.repo.GitWorkspace;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.pr.repo.TestRepos;
import dev.turnloop.pr.worker.MergeNotifications;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Verdict;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import dev.turnloop.testkit.EmbeddedKafka;
import dev.turnloop.testkit.KafkaRecords;
import dev.turnloop.testkit.TestTopics;
import dev.turnloop.testkit.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker on real parts: a KRaft broker with exactly-once Streams, a real git repository, and GitHub's pulls API
 * served by a local HTTP server. A Breach on the broker becomes a pushed branch and a pull request whose body holds
 * the evidence; a restart does not open a second one; the merge becomes a ChangeEvent; a REVERT verdict becomes a
 * revert pull request.
 */
class PrWorkerIT {
    private static final String TOKEN = "ghs_integration_token";
    private static final String ITEM = "intent-search|harness.tool-timeout:search";
    private static final String PULLS = "/repos/acme/agent/pulls";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void aBreachOnTheBrokerBecomesAPullRequestItsMergeAChangeEventAndARevertVerdictARevertPullRequest()
            throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.named("prworker-" + UUID.randomUUID());
        TopicCatalog topics = TopicCatalog.create(TestTopics.uniquePrefix("prworker"), new AvroSerdes(registry, true), 2);
        try (Admin admin = kafka.admin()) {
            Topics.createAndAwaitLeaders(admin,
                    topics.all().stream().map(t -> t.newTopic((short) 1)).toList(), Duration.ofSeconds(60));
        }
        Path remote = TestRepos.agentRemote(root.resolve("remote.git"));
        TargetRepoConfig config = TestRepos.configFor(remote);
        PrWorkerSettings settings = PrWorkerSettings.parse("""
                worker: {cycle_interval_seconds: 1, tick_seconds: 0.2}
                """, "test");
        Map<String, Object> client = Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());

        try (FakeGitHubPullsApi github = new FakeGitHubPullsApi(TOKEN);
                GitWorkspace workspace = GitWorkspace.open(config, root.resolve("work"))) {
            GitHubForge forge = new GitHubForge(github.baseUrl(), FakeGitHubPullsApi.OWNER, FakeGitHubPullsApi.REPO,
                    AccessToken.of(TOKEN));
            PrWorker.Effects effects = new PrWorker.Effects(workspace, forge, new MergeNotifications());

            // Given a breach with repeated search timeouts on the broker
            Breach breach = breach("intent-search", "abandonment_rate", 0.6, 100, searchTimeouts(4)).build();
            produce(kafka, topics.breaches.name(), breach.getBreachId(), breach,
                    topics.breaches.valueSerde().serializer());

            // When the worker runs
            String branch;
            KafkaStreams first = start(topics, settings, effects, client, root.resolve("state-1"));
            try {
                // Then the GitHub API receives one pull request for a pushed branch, its body holding the evidence
                JsonNode created = await().atMost(WAIT).until(() -> created(github, "turnloop/intent-search"),
                        Optional::isPresent).orElseThrow();
                branch = created.get("head").asText();
                assertThat(created.get("base").asText()).isEqualTo("main");
                assertThat(created.get("title").asText())
                        .isEqualTo("turnloop: set tools.search.timeout_ms from 2000 to 4000 in harness/tools.yaml");
                assertThat(created.get("body").asText()).contains("conv-search-0", "the search keeps timing out",
                        "+    timeout_ms: 4000", "\"item_id\":\"" + ITEM + "\"");
                assertThat(TestRepos.read(remote, branch, HARNESS))
                        .isEqualTo(HARNESS_TEXT.replace("timeout_ms: 2000   #", "timeout_ms: 4000   #"));
                // and the backlog topic says so
                BacklogItem item = await().atMost(WAIT).until(() -> backlogItem(client, topics),
                        i -> i != null && i.getStatus() == BacklogStatus.PR_OPENED);
                assertThat(item.getPrUrl()).isEqualTo("https://github.com/acme/agent/pull/1");
                assertThat(item.getBranch()).isEqualTo(branch);
            } finally {
                // leave the group, so the restarted instance gets the task at once instead of after the session timeout
                first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            }

            // When the worker restarts on empty local state and the breach is published again, with one more conversation
            Breach again = breach("intent-search", "abandonment_rate", 0.6, 100, searchTimeouts(5)).build();
            produce(kafka, topics.breaches.name(), again.getBreachId(), again, topics.breaches.valueSerde().serializer());
            KafkaStreams second = start(topics, settings, effects, client, root.resolve("state-2"));
            try {
                // Then the restored item takes the new evidence, keeps its pull request, and no second one is requested
                BacklogItem updated = await().atMost(WAIT).until(() -> backlogItem(client, topics),
                        i -> i != null && i.getEvidence().size() == 5);
                assertThat(updated.getStatus()).isEqualTo(BacklogStatus.PR_OPENED);
                Thread.sleep(3_000); // several cycles
                assertThat(github.calls("POST", PULLS)).as("pull request creations").isEqualTo(1);

                // When a reviewer merges it
                String merge = mergeOnTheRemote(remote, branch);
                github.merge(1, merge);

                // Then a ChangeEvent for the merge commit arrives
                ChangeEvent change = await().atMost(WAIT).until(() -> changeEvents(kafka, topics), l -> !l.isEmpty()).get(0);
                assertThat(change.getNewVersion()).isEqualTo(merge);
                assertThat(change.getItemId()).isEqualTo(ITEM);
                assertThat(change.getIsRevert()).isFalse();

                // When the verdict is REVERT
                CohortVerdict revert = verdict(change.getChangeId(), ITEM, Verdict.REVERT);
                produce(kafka, topics.cohortVerdicts.name(), revert.getChangeId(), revert,
                        topics.cohortVerdicts.valueSerde().serializer());

                // Then a revert pull request with the verdict's numbers is requested, and the item is REVERTED
                JsonNode revertPr = await().atMost(WAIT).until(() -> created(github, "turnloop/revert-"),
                        Optional::isPresent).orElseThrow();
                assertThat(revertPr.get("body").asText()).contains("This reverts `" + merge + "`",
                        "Effect (treatment - control): -0.0500", "https://github.com/acme/agent/pull/1");
                assertThat(TestRepos.read(remote, revertPr.get("head").asText(), HARNESS)).isEqualTo(HARNESS_TEXT);
                BacklogItem reverted = await().atMost(WAIT).until(() -> backlogItem(client, topics),
                        i -> i != null && i.getStatus() == BacklogStatus.REVERTED);
                assertThat(reverted.getPrUrl()).isEqualTo("https://github.com/acme/agent/pull/2");
            } finally {
                second.close();
            }
        }
    }

    private static KafkaStreams start(TopicCatalog topics, PrWorkerSettings settings, PrWorker.Effects effects,
            Map<String, Object> client, Path stateDir) {
        Properties props = PrWorkerStreams.properties(client, topics.applicationId(PrWorker.APP), stateDir.toString(),
                topics.deadLetters.name());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        KafkaStreams streams = new KafkaStreams(PrWorker.build(topics, settings, effects), props);
        streams.start();
        return streams;
    }

    private static <V> void produce(EmbeddedKafka kafka, String topic, String key, V value,
            org.apache.kafka.common.serialization.Serializer<V> serializer) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /** The body GitHub answered 201 to for a pull request whose head starts with {@code headPrefix}. */
    private static Optional<JsonNode> created(FakeGitHubPullsApi github, String headPrefix) throws Exception {
        for (FakeGitHubPullsApi.Recorded request : github.requests) {
            if (request.method().equals("POST") && request.path().equals(PULLS) && request.status() == 201) {
                JsonNode body = JSON.readTree(request.body());
                if (body.get("head").asText().startsWith(headPrefix)) {
                    return Optional.of(body);
                }
            }
        }
        return Optional.empty();
    }

    private static BacklogItem backlogItem(Map<String, Object> client, TopicCatalog topics) throws Exception {
        return BacklogView.read(client, topics.backlog, Duration.ofSeconds(10)).stream()
                .filter(i -> i.getItemId().equals(ITEM)).findFirst().orElse(null);
    }

    private static List<ChangeEvent> changeEvents(EmbeddedKafka kafka, TopicCatalog topics) {
        return KafkaRecords.readUntil(kafka.bootstrapServers(), topics.changeEvents.name(), new StringDeserializer(),
                topics.changeEvents.valueSerde().deserializer(), Duration.ofSeconds(2), read -> !read.isEmpty())
                .stream().map(ConsumerRecord::value).toList();
    }

    /** What GitHub's merge button does on the repository: a merge commit of the branch on main. */
    private static String mergeOnTheRemote(Path remote, String branch) {
        LocalForge reviewer = new LocalForge(remote, remote.resolveSibling("reviewer-pulls"), LocalForge.DEMO_REVIEWER);
        int number = reviewer.openPullRequest(new PullRequestDraft("merge", branch, "main", "", false, List.of()))
                .number();
        return reviewer.merge(number).mergeCommit().orElseThrow();
    }
}
