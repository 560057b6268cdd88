package dev.turnloop.app.demo.sim;

import java.util.Map;

/**
 * What the simulator has produced so far, for the demo's progress lines and summary.
 *
 * @param conversations conversations started
 * @param turns turns emitted
 * @param open conversations still playing
 * @param endings per scenario id, how many conversations its scripts meant to end each way (resolved, abandoned,
 *     escalated); the pipeline's own outcomes are what count, these show what was played
 * @param conversationsByVersion conversations per deployed version (12-character commit prefix)
 */
public record SimulatorCounters(long conversations, long turns, int open, Map<String, Map<String, Long>> endings,
                                Map<String, Long> conversationsByVersion) {

    public SimulatorCounters {
        endings = Map.copyOf(endings);
        conversationsByVersion = Map.copyOf(conversationsByVersion);
    }
}
