package dev.turnloop.schemas.catalog;

/** Kafka's cleanup.policy: DELETE for event streams, COMPACT for topics that are tables. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact"),
    COMPACT_DELETE("compact,delete");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
