package dev.turnloop.metrics.cohort;

import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.Component;
import java.util.Optional;

/** Which side of a change a conversation was on, by the version of the changed component that served it. */
enum ChangeArm {
    CONTROL,
    TREATMENT;

    /** The arm of a conversation served by {@code cohort}, or empty when it ran neither version. */
    static Optional<ChangeArm> of(ChangeEvent change, Cohort cohort) {
        String version = versionOf(change.getComponent(), cohort);
        if (version.equals(change.getNewVersion())) {
            return Optional.of(TREATMENT);
        }
        if (version.equals(change.getOldVersion())) {
            return Optional.of(CONTROL);
        }
        return Optional.empty();
    }

    static String versionOf(Component component, Cohort cohort) {
        return switch (component) {
            case PROMPT -> cohort.getPromptVersion();
            case HARNESS -> cohort.getHarnessVersion();
            case CONFIG -> cohort.getConfigVersion();
        };
    }
}
