package dev.turnloop.testkit;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique names, so that integration tests sharing one broker never see each other's topics or groups. */
public final class TestTopics {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestTopics() {
    }

    /** A unique prefix such as {@code t7-3f2a9c}, valid as a topic prefix and an application id. */
    public static String uniquePrefix(String testName) {
        String slug = testName.replaceAll("[^a-zA-Z0-9]", "").toLowerCase();
        if (slug.length() > 24) {
            slug = slug.substring(0, 24);
        }
        return slug + "-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
