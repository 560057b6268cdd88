package dev.turnloop.ingest;

import dev.turnloop.ingest.decode.ValidationLimits;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the ingest topology judges conversations. All durations are in event time, so a replay of yesterday gives the
 * same answers as live traffic.
 *
 * @param inactivityGap an open conversation with no turn for this long is closed (abandoned unless resolved)
 * @param reorderGrace how long a turn that arrived ahead of a missing predecessor waits for it
 * @param scanInterval how often (stream time) open conversations are scanned for inactivity and expired reorder waits
 * @param closedRetention how long a closed conversation is remembered, to attach late turns and drop duplicates
 * @param segmentAttributes user attributes that define a segment, in order (e.g. plan, user_type)
 * @param resolutionTools tool names whose successful call resolves the conversation
 * @param handoffTools tool names whose call hands the conversation to a human
 * @param limits sanity limits for input validation
 * @param recentStates decoded conversation states each task keeps in memory in front of its store, written back
 *     before each commit (0: none, every change is encoded and written at once); a turn of one of them costs no
 *     store read and no decoding, and its changes until the next commit cost one encoding and one write
 */
public record IngestSettings(
        Duration inactivityGap,
        Duration reorderGrace,
        Duration scanInterval,
        Duration closedRetention,
        List<String> segmentAttributes,
        Pattern resolutionTools,
        Pattern handoffTools,
        ValidationLimits limits,
        int recentStates) {

    public IngestSettings {
        if (recentStates < 0) {
            throw new IllegalArgumentException("recentStates must be >= 0, was " + recentStates);
        }
    }

    public static IngestSettings defaults() {
        return new IngestSettings(
                Duration.ofMinutes(30),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ofHours(24),
                List.of("plan", "user_type"),
                Pattern.compile("(?i).*(resolve|close_ticket|complete|confirm|book|reserve|purchase|submit_order).*"),
                Pattern.compile("(?i).*(handoff|hand_off|escalate|transfer_to_(human|agent)|create_ticket).*"),
                ValidationLimits.defaults(),
                2_048);
    }

    public IngestSettings withInactivityGap(Duration gap) {
        return new IngestSettings(gap, reorderGrace, scanInterval, closedRetention, segmentAttributes,
                resolutionTools, handoffTools, limits, recentStates);
    }

    public IngestSettings withReorderGrace(Duration grace) {
        return new IngestSettings(inactivityGap, grace, scanInterval, closedRetention,
                segmentAttributes, resolutionTools, handoffTools, limits, recentStates);
    }

    public IngestSettings withScanInterval(Duration interval) {
        return new IngestSettings(inactivityGap, reorderGrace, interval, closedRetention,
                segmentAttributes, resolutionTools, handoffTools, limits, recentStates);
    }

    public IngestSettings withRecentStates(int states) {
        return new IngestSettings(inactivityGap, reorderGrace, scanInterval, closedRetention,
                segmentAttributes, resolutionTools, handoffTools, limits, states);
    }
}
