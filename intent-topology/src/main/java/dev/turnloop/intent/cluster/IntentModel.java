package dev.turnloop.intent.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of the discovered intents, as published by the global merge for every instance to assign
 * items with.
 *
 * <p>Two ways to label an item: {@link #assign} gives the nearest intent, for live conversations; {@link #ownerOf}
 * gives the intent that owns the item's micro-cluster, which is an item's final intent and follows the model as it
 * matures.
 */
public final class IntentModel {

    private final long version;
    private final long builtAtMs;
    private final String embedderId;
    private final int dimension;
    private final long nextIntentSequence;
    private final List<Intent> intents;
    private final Map<Long, String> owners;
    private final Map<String, Intent> byId;
    private final float[] centroids;

    /**
     * @param version            increases by one with every build
     * @param builtAtMs          when it was built
     * @param embedderId         the embedding model the centroids live in
     * @param dimension          length of every centroid
     * @param nextIntentSequence the number the next new intent id will carry
     * @param intents            the intents, largest first
     * @param owners             for each micro-cluster id, the id of the intent that owns it
     */
    public IntentModel(long version, long builtAtMs, String embedderId, int dimension, long nextIntentSequence,
                       List<Intent> intents, Map<Long, String> owners) {
        this.version = version;
        this.builtAtMs = builtAtMs;
        this.embedderId = Objects.requireNonNull(embedderId, "embedderId");
        this.dimension = dimension;
        this.nextIntentSequence = nextIntentSequence;
        this.intents = List.copyOf(intents);
        this.owners = Collections.unmodifiableMap(new TreeMap<>(owners));
        this.byId = this.intents.stream().collect(Collectors.toMap(Intent::id, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("duplicate intent id " + a.id());
        }, LinkedHashMap::new));
        this.centroids = new float[this.intents.size() * dimension];
        for (int i = 0; i < this.intents.size(); i++) {
            float[] centroid = this.intents.get(i).centroid();
            if (centroid.length != dimension) {
                throw new IllegalArgumentException("intent " + this.intents.get(i).id() + " has " + centroid.length
                        + " components, expected " + dimension);
            }
            System.arraycopy(centroid, 0, centroids, i * dimension, dimension);
        }
        for (String owner : this.owners.values()) {
            if (!byId.containsKey(owner)) {
                throw new IllegalArgumentException("micro-cluster owner " + owner + " is not an intent of the model");
            }
        }
    }

    /** The model before any item: no intents, version 0. */
    public static IntentModel empty(String embedderId, int dimension) {
        return new IntentModel(0, 0, embedderId, dimension, 1, List.of(), Map.of());
    }

    /** The nearest intent to a unit-length vector; empty while the model has no intents. */
    public Optional<Assignment> assign(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("expected a vector of " + dimension + " components, got " + vector.length);
        }
        int nearest = -1;
        float best = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < intents.size(); i++) {
            float similarity = Vectors.dot(vector, 0, centroids, i * dimension, dimension);
            if (similarity > best) {
                best = similarity;
                nearest = i;
            }
        }
        return nearest < 0 ? Optional.empty() : Optional.of(new Assignment(intents.get(nearest).id(), best));
    }

    /** The intent that owns a micro-cluster; empty for a micro-cluster the model has not seen (newer, or folded away). */
    public Optional<String> ownerOf(long microClusterId) {
        return Optional.ofNullable(owners.get(microClusterId));
    }

    public Optional<Intent> intent(String intentId) {
        return Optional.ofNullable(byId.get(intentId));
    }

    /** Intent ids grouped by theme id, themes and intents in model order. */
    public Map<String, List<String>> themes() {
        return intents.stream().collect(Collectors.groupingBy(Intent::themeId, LinkedHashMap::new,
                Collectors.mapping(Intent::id, Collectors.toList())));
    }

    public long version() {
        return version;
    }

    public long builtAtMs() {
        return builtAtMs;
    }

    public String embedderId() {
        return embedderId;
    }

    public int dimension() {
        return dimension;
    }

    public long nextIntentSequence() {
        return nextIntentSequence;
    }

    /** The intents, largest first. */
    public List<Intent> intents() {
        return intents;
    }

    /** Owner intent id by micro-cluster id, in id order. */
    public Map<Long, String> owners() {
        return owners;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntentModel other
                && version == other.version
                && builtAtMs == other.builtAtMs
                && embedderId.equals(other.embedderId)
                && dimension == other.dimension
                && nextIntentSequence == other.nextIntentSequence
                && intents.equals(other.intents)
                && owners.equals(other.owners);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, builtAtMs, embedderId, dimension, nextIntentSequence, intents, owners);
    }

    @Override
    public String toString() {
        return "IntentModel[version=" + version + ", intents=" + intents.size() + ", microClusters=" + owners.size() + "]";
    }
}
