/**
 * Online discovery of emergent intents in two levels, shaped for Kafka Streams.
 *
 * <p>Per stream task, a {@link dev.turnloop.intent.cluster.MicroClusterer} absorbs each embedded request into a
 * micro-cluster (count, mean, first/last seen, a few item ids); every change is one small record
 * ({@link dev.turnloop.intent.cluster.MicroClusterCodec}) for the task's store and for a compacted topic keyed by
 * micro-cluster id. One single-partition step periodically hands all current micro-clusters and the last model to
 * {@link dev.turnloop.intent.cluster.IntentModelBuilder}, which returns the next
 * {@link dev.turnloop.intent.cluster.IntentModel} (one record on a compacted topic,
 * {@link dev.turnloop.intent.cluster.IntentModelCodec}) and the {@link dev.turnloop.intent.cluster.LineageEvent}s
 * of intents that merged, split, appeared or retired. Every instance reads the model as a global table: a live
 * request gets the nearest intent ({@link dev.turnloop.intent.cluster.IntentModel#assign}), and an item's final intent
 * is the owner of its micro-cluster ({@link dev.turnloop.intent.cluster.IntentModel#ownerOf}).
 *
 * <p>Everything here is deterministic, single-threaded and free of static state. A build costs O(m^2) in the number m
 * of micro-clusters (about 0.5 s for 1,500 on one core), so it belongs on a punctuation of tens of seconds, not on
 * every record.
 */
package dev.turnloop.intent.cluster;
