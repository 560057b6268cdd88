package dev.turnloop.pr.worker;

import dev.turnloop.pr.PrWorker;
import dev.turnloop.pr.PrWorkerSettings;
import dev.turnloop.pr.PrWorkerStreams;
import dev.turnloop.pr.TestBreaches;
import dev.turnloop.pr.forge.Forge;
import dev.turnloop.pr.repo.GitWorkspace;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production PR worker topology in a TopologyTestDriver, acting on a real bare git repository through a real
 * work dir and a forge (usually the LocalForge next to the repository).
 */
final class PrWorkerHarness implements AutoCloseable {
    static final Duration CYCLE = Duration.ofMinutes(1);

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final TopicCatalog topics = TopicCatalog.create("t", new AvroSerdes(registry, true), 3);
    final MergeNotifications merges = new MergeNotifications();
    final PrWorkerSettings settings;
    final GitWorkspace workspace;
    final TopologyTestDriver driver;
    final TestInputTopic<String, Breach> breaches;
    final TestInputTopic<String, CohortVerdict> verdicts;
    private final TestOutputTopic<String, BacklogItem> backlog;
    private final TestOutputTopic<String, ChangeEvent> changes;
    private final Map<String, BacklogItem> latest = new LinkedHashMap<>();
    private final List<BacklogItem> published = new ArrayList<>();
    private final List<ChangeEvent> changeEvents = new ArrayList<>();

    PrWorkerHarness(TargetRepoConfig config, Forge forge, Path workDir, Path stateDir) {
        this(config, forge, workDir, stateDir, PrWorkerSettings.defaults()
                .withWorker(PrWorkerSettings.defaults().worker().withCycleInterval(CYCLE)));
    }

    PrWorkerHarness(TargetRepoConfig config, Forge forge, Path workDir, Path stateDir, PrWorkerSettings settings) {
        this.settings = settings;
        this.workspace = GitWorkspace.open(config, workDir);
        Properties props = PrWorkerStreams.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"),
                topics.applicationId(PrWorker.APP), stateDir.toString(), topics.deadLetters.name());
        driver = new TopologyTestDriver(PrWorker.build(topics, settings, new PrWorker.Effects(workspace, forge, merges)),
                props, TestBreaches.T0);
        breaches = driver.createInputTopic(topics.breaches.name(), new StringSerializer(),
                topics.breaches.valueSerde().serializer());
        verdicts = driver.createInputTopic(topics.cohortVerdicts.name(), new StringSerializer(),
                topics.cohortVerdicts.valueSerde().serializer());
        backlog = driver.createOutputTopic(topics.backlog.name(), new StringDeserializer(),
                topics.backlog.valueSerde().deserializer());
        changes = driver.createOutputTopic(topics.changeEvents.name(), new StringDeserializer(),
                topics.changeEvents.valueSerde().deserializer());
    }

    void send(Breach breach) {
        breaches.pipeInput(breach.getBreachId(), breach, breach.getAt());
    }

    void send(CohortVerdict verdict) {
        verdicts.pipeInput(verdict.getChangeId(), verdict, verdict.getDecidedAt());
    }

    /** Lets one worker cycle run: polls pull requests, retries, opens new ones. */
    void cycle() {
        driver.advanceWallClockTime(CYCLE);
    }

    /** Lets one tick run, which acts only on webhook nudges between cycles. */
    void tick() {
        driver.advanceWallClockTime(settings.worker().tick());
    }

    /** The latest published version of every item. */
    Map<String, BacklogItem> items() {
        drain();
        return latest;
    }

    BacklogItem item(String itemId) {
        BacklogItem item = items().get(itemId);
        if (item == null) {
            throw new AssertionError("no item " + itemId + " was published; published: " + latest.keySet());
        }
        return item;
    }

    /** Every item version published so far. */
    List<BacklogItem> published() {
        drain();
        return published;
    }

    List<ChangeEvent> changeEvents() {
        changeEvents.addAll(changes.readValuesToList());
        return changeEvents;
    }

    private void drain() {
        for (var record : backlog.readKeyValuesToList()) {
            latest.put(record.key, record.value);
            published.add(record.value);
        }
    }

    @Override
    public void close() {
        driver.close();
        workspace.close();
    }
}
