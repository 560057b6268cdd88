package dev.turnloop.intent.cluster;

/**
 * The intent an item belongs to under one model version.
 *
 * @param intentId   id of the nearest intent
 * @param similarity cosine similarity of the item to that intent's centre
 */
public record Assignment(String intentId, double similarity) {
}
