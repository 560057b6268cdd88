package dev.turnloop.app.demo;

import dev.turnloop.dashboard.DashboardFeed;
import dev.turnloop.dashboard.view.DashboardView;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.util.List;
import java.util.Optional;

/**
 * What the demo watches while it runs: the dashboard's own read model of the output topics (the same one the web page
 * shows), plus counts of the input, enriched and dead-letter topics for the progress line.
 */
public final class DemoMonitor implements AutoCloseable {

    private final DashboardView view;
    private final DashboardFeed feed;
    private final String syntheticAgent;

    /** @param syntheticAgent the agent name of the synthetic simulator's conversations */
    public DemoMonitor(java.util.Map<String, Object> kafka, TopicCatalog topics, DashboardView view, String syntheticAgent) {
        this.view = view;
        this.syntheticAgent = syntheticAgent;
        this.feed = new DashboardFeed(kafka, topics, view, List.of(topics.turns, topics.enrichedTurns,
                topics.deadLetters)).start();
    }

    public DashboardView view() {
        return view;
    }

    /** The intent most of the synthetic agent's closed conversations belong to, if any. */
    public Optional<String> biggestSyntheticIntent() {
        return view.busiestIntentOf(syntheticAgent);
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
    }
}
