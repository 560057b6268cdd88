package dev.turnloop.testkit;

import dev.turnloop.schemas.catalog.TopicLeaders;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates topics for a test and waits until they have leaders (see {@link TopicLeaders} for why). */
public final class Topics {

    private Topics() {
    }

    public static void createAndAwaitLeaders(Admin admin, Collection<NewTopic> topics, Duration timeout)
            throws Exception {
        admin.createTopics(topics).all().get();
        TopicLeaders.await(admin, topics.stream().map(NewTopic::name).toList(), timeout);
    }
}
