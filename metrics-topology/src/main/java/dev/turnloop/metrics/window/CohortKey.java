package dev.turnloop.metrics.window;

import dev.turnloop.schemas.Cohort;
import java.util.List;
import java.util.Objects;

/**
 * The cohort dimensions metrics are cut on: prompt, harness and config version and user segment, encoded as
 * {@code prompt|harness|config|segment}. Two roll-ups use {@value #ALL} for the dimensions they sum over: a segment
 * roll-up ({@code *|*|*|segment}, all versions of one segment) and the all-cohorts total, encoded as just
 * {@value #ALL}.
 */
public record CohortKey(String promptVersion, String harnessVersion, String configVersion, String segment) {

    public static final String ALL = "*";
    public static final CohortKey ALL_COHORTS = new CohortKey(ALL, ALL, ALL, ALL);

    /** Which cohorts a key sums over. */
    public enum Level { COHORT, SEGMENT, ALL }

    public CohortKey {
        Objects.requireNonNull(promptVersion, "promptVersion");
        Objects.requireNonNull(harnessVersion, "harnessVersion");
        Objects.requireNonNull(configVersion, "configVersion");
        Objects.requireNonNull(segment, "segment");
    }

    public static CohortKey of(Cohort cohort) {
        return new CohortKey(cohort.getPromptVersion(), cohort.getHarnessVersion(), cohort.getConfigVersion(),
                cohort.getSegment());
    }

    public static CohortKey segmentRollup(String segment) {
        return new CohortKey(ALL, ALL, ALL, segment);
    }

    public Level level() {
        if (equals(ALL_COHORTS)) {
            return Level.ALL;
        }
        return ALL.equals(promptVersion) && ALL.equals(harnessVersion) && ALL.equals(configVersion)
                ? Level.SEGMENT : Level.COHORT;
    }

    public String encode() {
        return level() == Level.ALL ? ALL : KeyParts.join(promptVersion, harnessVersion, configVersion, segment);
    }

    public static CohortKey parse(String encoded) {
        if (ALL.equals(encoded)) {
            return ALL_COHORTS;
        }
        List<String> parts = KeyParts.split(encoded);
        if (parts.size() != 4) {
            throw new IllegalArgumentException(
                    "a cohort key has 4 parts (prompt|harness|config|segment) or is '*', got: " + encoded);
        }
        return new CohortKey(parts.get(0), parts.get(1), parts.get(2), parts.get(3));
    }

    /** The cohort as the Avro records carry it; agent fields and user attributes are not part of the key. */
    public Cohort toCohort() {
        return Cohort.newBuilder()
                .setPromptVersion(promptVersion)
                .setHarnessVersion(harnessVersion)
                .setConfigVersion(configVersion)
                .setSegment(segment)
                .build();
    }
}
