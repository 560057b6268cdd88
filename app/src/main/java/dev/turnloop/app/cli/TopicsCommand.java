package dev.turnloop.app.cli;

import dev.turnloop.schemas.catalog.TopicLeaders;
import dev.turnloop.schemas.catalog.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Creates the topic catalog idempotently through the Admin client. */
@Command(name = "topics", description = "Manage the pipeline's topics.", mixinStandardHelpOptions = true,
        subcommands = TopicsCommand.Create.class)
public final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create every topic of the catalog that does not exist yet (idempotent).")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--dry-run", description = "Print what would be created, create nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            Pipeline pipeline = Pipeline.from(connection.config());
            try (Admin admin = Admin.create(pipeline.config().kafkaClientProperties())) {
                List<String> created = TopicCreator.createMissing(admin, pipeline.topics().all(),
                        pipeline.config().replicationFactor(), dryRun);
                for (TopicSpec<?, ?> topic : pipeline.topics().all()) {
                    System.out.printf("%-8s %-50s partitions=%d cleanup.policy=%s%n",
                            created.contains(topic.name()) ? (dryRun ? "would" : "created") : "exists",
                            topic.name(), topic.partitions(), topic.cleanupPolicy().configValue());
                }
            }
            return ExitCodes.OK;
        }
    }

    /** Idempotent creation, shared with the demo. */
    public static final class TopicCreator {
        private TopicCreator() {
        }

        /** Creates the topics that are missing; returns their names. */
        public static List<String> createMissing(Admin admin, List<TopicSpec<?, ?>> topics, short replicationFactor,
                boolean dryRun) throws Exception {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    NewTopic spec = topic.newTopic(replicationFactor);
                    missing.add(replicationFactor > 0 ? spec
                            : new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty())
                                    .configs(spec.configs()));
                }
            }
            if (!dryRun && !missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // a concurrent creator winning the race is fine
                    }
                }
                TopicLeaders.await(admin, missing.stream().map(NewTopic::name).toList(), Duration.ofMinutes(1));
            }
            return missing.stream().map(NewTopic::name).toList();
        }

    }
}
