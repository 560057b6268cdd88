package dev.turnloop.intent.cluster;

import java.util.List;

/**
 * The result of one global merge: the new model to publish and the identity changes since the previous one.
 *
 * @param model   the new model
 * @param lineage the changes of intent identity, in a deterministic order
 */
public record ModelUpdate(IntentModel model, List<LineageEvent> lineage) {

    public ModelUpdate {
        lineage = List.copyOf(lineage);
    }
}
