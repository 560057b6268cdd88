package dev.turnloop.schemas.catalog;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Waits until every partition of freshly created topics has a leader. Producing while leadership is still settling
 * made an idempotent producer retry one batch forever here (OUT_OF_ORDER_SEQUENCE_NUMBER after a
 * NOT_LEADER_OR_FOLLOWER on its first request), so turnloop starts producing only once its topics are ready.
 */
public final class TopicLeaders {

    private TopicLeaders() {
    }

    public static void await(Admin admin, Collection<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (allLed(admin, topics)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("topics " + topics + " have no partition leaders after " + timeout
                + "; check that the brokers are up and not overloaded");
    }

    private static boolean allLed(Admin admin, Collection<String> topics) throws Exception {
        try {
            boolean ready = true;
            for (TopicDescription description : admin.describeTopics(topics).allTopicNames().get().values()) {
                ready &= description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            }
            return ready;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false; // created, but the broker answering has not seen the new metadata yet
            }
            throw e;
        }
    }
}
