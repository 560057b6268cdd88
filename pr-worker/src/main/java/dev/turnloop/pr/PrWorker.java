package dev.turnloop.pr;

import dev.turnloop.pr.forge.Forge;
import dev.turnloop.pr.repo.GitWorkspace;
import dev.turnloop.pr.worker.MergeNotifications;
import dev.turnloop.pr.worker.PrWorkerGraph;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.util.Objects;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * PR worker: a scored backlog from breaches, and reviewable pull requests for it.
 *
 * <pre>
 * in : breaches (Breach, key breach id), cohort-verdicts (CohortVerdict, key change id)
 * out: backlog (BacklogItem, compacted, key intent_id|mechanism_id), change-events (ChangeEvent, key change id)
 * side effects: branches pushed to the target repository; pull requests on the forge
 * rule: each OPEN breach -> one item per intent+mechanism, score = ln(1+conversations)^wf * severity^ws / cost^wc;
 *       every cycle the best items with a known mechanism and no pull request get one (while fewer than
 *       max_open_pull_requests await review); merged -> ChangeEvent; KEEP -> KEPT; REVERT -> revert pull request
 * </pre>
 *
 * Build it with {@link #build}; run it with the properties from {@link PrWorkerStreams#properties}, a
 * {@link GitWorkspace} on its own work dir and a {@link Forge} ({@link PrWorkerStreams#forge}). Mount
 * {@link PrWorkerStreams#mergeWebhook} on an HTTP server to hear about merges sooner than the poll.
 */
public final class PrWorker {
    /** The application id suffix: the app runs as {@code <prefix>-pr-worker}. */
    public static final String APP = "pr-worker";

    private PrWorker() {
    }

    /**
     * What the worker acts through. One worker owns its work dir; run one instance per target repository.
     *
     * @param merges shared with the merge webhook handler, if one is mounted
     */
    public record Effects(GitWorkspace workspace, Forge forge, MergeNotifications merges) {
        public Effects {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(forge, "forge");
            Objects.requireNonNull(merges, "merges");
        }
    }

    public static Topology build(TopicCatalog topics, PrWorkerSettings settings, Effects effects) {
        StreamsBuilder builder = new StreamsBuilder();
        PrWorkerGraph.addTo(builder, topics, settings.scoring(), settings.mechanisms(), settings.worker(),
                effects.workspace(), effects.forge(), effects.merges());
        return builder.build();
    }
}
