package dev.turnloop.metrics.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class IntentPartitionerTest {

    private final IntentPartitioner<Object> partitioner = new IntentPartitioner<>();

    @Test
    void everySeriesOfAnIntentGoesWhereTheProducerPutsARecordKeyedByTheIntentId() {
        // Given intent-events records keyed by the bare intent id, placed by Kafka's default partitioner
        for (String intent : new String[] {"billing", "export-data", "setup-sso", "intent-42", "a|b"}) {
            int expected = BuiltInPartitioner.partitionForKey(intent.getBytes(StandardCharsets.UTF_8), 12);

            // When the metrics series of that intent are partitioned
            Optional<Set<Integer>> cohort = partitioner.partitions("t",
                    new MetricKey(intent, new CohortKey("p1", "h1", "c1", "plan=pro")).encode(), null, 12);
            Optional<Set<Integer>> total = partitioner.partitions("t",
                    new MetricKey(intent, CohortKey.ALL_COHORTS).encode(), null, 12);

            // Then
            assertThat(cohort).as(intent).contains(Set.of(expected));
            assertThat(total).as(intent).contains(Set.of(expected));
        }
    }
}
