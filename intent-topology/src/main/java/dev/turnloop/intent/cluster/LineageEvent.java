package dev.turnloop.intent.cluster;

import java.util.Optional;

/**
 * A change of intent identity between two model versions, so that metrics and backlog items keyed by an intent id can
 * follow it when intents merge or split.
 *
 * @param type            what happened
 * @param intentId        the intent the event is about
 * @param relatedIntentId the other side: the absorbing intent of a {@link Type#MERGED_INTO}, the parent of a
 *                        {@link Type#SPLIT_FROM}; empty otherwise
 * @param modelVersion    version of the model in which it happened
 * @param atMs            build time of that model
 */
public record LineageEvent(Type type, String intentId, Optional<String> relatedIntentId, long modelVersion, long atMs) {

    /** Kinds of identity change. */
    public enum Type {
        /** A new intent appeared from items no previous intent held. */
        CREATED,
        /** A previous intent's items now belong to another intent, which kept its own id. */
        MERGED_INTO,
        /** A new intent formed mostly from items of an intent that lives on under its id. */
        SPLIT_FROM,
        /** A previous intent has no micro-cluster left (its tasks' state was dropped or folded elsewhere). */
        RETIRED
    }
}
