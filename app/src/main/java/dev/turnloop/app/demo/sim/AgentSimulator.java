package dev.turnloop.app.demo.sim;

import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic live traffic of a support agent whose behaviour follows what its deployed files say. New conversations
 * arrive at a steady rate; each picks a scenario from the mix, a user from the pool, and a version by the current
 * traffic shares, and the scenario scripts it from that version's {@link AgentProfile} (then a high temperature may
 * derail it). {@link #tick} emits the turns that are due, with the version's commit as prompt, harness and config
 * version, which is what the PR worker's change events name.
 *
 * <p>Everything is labelled synthetic: agent name {@value #AGENT_NAME}, conversation ids starting with
 * {@value #CONVERSATION_PREFIX}, and the user attribute {@code synthetic=true}.
 *
 * <p>Not driven by a clock of its own: the caller passes the time to {@link #tick}, so tests run in no time and the
 * demo decides the pace. Methods are synchronized: the demo may deploy from another thread than the one ticking.
 */
public final class AgentSimulator {

    public static final String AGENT_NAME = "turnloop-sim (synthetic)";
    public static final String CONVERSATION_PREFIX = "sim-";
    public static final String SYNTHETIC_ATTRIBUTE = "synthetic";
    /** After a long pause between ticks only this much time's arrivals are made up, not a flood. */
    static final Duration MAX_CATCH_UP = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AgentSimulator.class);

    private final AgentVersions versions;
    private final SimulatorSettings settings;
    private final SplittableRandom random;
    private final List<SimUser> users;
    private final Map<String, Double> shares = new LinkedHashMap<>();
    private final List<Playing> playing = new ArrayList<>();
    private final Map<String, Map<String, Long>> endings = new TreeMap<>();
    private final Map<String, Long> byVersion = new TreeMap<>();
    private Instant lastTick;
    private String runTag;
    private double arrivals = 1; // the first tick starts a conversation at once
    private boolean arriving = true;
    private long conversations;
    private long turns;

    /** A simulated user: pseudonymous id and the segment attributes verdicts match on. */
    private record SimUser(String id, Map<String, String> attributes) {
    }

    private static final class Playing {
        final String conversationId;
        final SimUser user;
        final String version;
        final Script script;
        int next;
        Instant due;

        Playing(String conversationId, SimUser user, String version, Script script, Instant due) {
            this.conversationId = conversationId;
            this.user = user;
            this.version = version;
            this.script = script;
            this.due = due;
        }
    }

    /**
     * @param versions reads the agent's files at a commit
     * @param deployedCommit the commit serving all traffic at first (e.g. {@link DemoAgentRepo#initialCommit()})
     */
    public AgentSimulator(AgentVersions versions, String deployedCommit, SimulatorSettings settings) {
        this.versions = versions;
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.users = users(settings.users(), random.split());
        versions.at(deployedCommit);
        shares.put(deployedCommit, 1.0);
    }

    /**
     * Version {@code commit} now serves {@code share} of new conversations; the versions already deployed keep the
     * rest in proportion to their current shares. A share of 1 makes it the only version (a full rollout or a
     * revert); conversations already playing finish on the version they started with.
     *
     * @throws IllegalArgumentException for an unknown commit or a share outside (0, 1]
     * @throws IllegalStateException for a share below 1 when no other version is deployed to take the rest
     */
    public synchronized void deploy(String commit, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a traffic share is in (0, 1], got " + share);
        }
        AgentProfile profile = versions.at(commit);
        Map<String, Double> others = new LinkedHashMap<>(shares);
        others.remove(commit);
        double rest = others.values().stream().mapToDouble(Double::doubleValue).sum();
        if (share < 1 && rest <= 0) {
            throw new IllegalStateException("no other version is deployed to serve the remaining " + (1 - share));
        }
        shares.clear();
        if (share < 1) {
            others.forEach((version, old) -> shares.put(version, old / rest * (1 - share)));
        }
        shares.put(commit, share);
        LOG.info("simulator: {} now serves {}% of new conversations ({})", shortSha(commit),
                Math.round(share * 100), profile.describe());
    }

    /** Current traffic shares by full commit sha. */
    public synchronized Map<String, Double> deployment() {
        return Map.copyOf(shares);
    }

    /** What the agent at {@code commit} does, as the simulator reads it. */
    public AgentProfile profile(String commit) {
        return versions.at(commit);
    }

    /** Starts the conversations that arrived since the last tick and returns every turn due at {@code now}. */
    public synchronized List<TurnEvent> tick(Instant now) {
        if (lastTick == null) {
            lastTick = now;
            runTag = Long.toString(now.getEpochSecond(), 36);
        }
        Duration elapsed = Duration.between(lastTick, now);
        if (!elapsed.isNegative()) {
            long millis = Math.min(elapsed.toMillis(), MAX_CATCH_UP.toMillis());
            arrivals += settings.conversationsPerSecond() * millis / 1000.0;
            lastTick = now;
        }
        while (arriving && arrivals >= 1) {
            arrivals -= 1;
            start(now);
        }
        List<TurnEvent> due = new ArrayList<>();
        for (Iterator<Playing> it = playing.iterator(); it.hasNext();) {
            Playing p = it.next();
            while (p.next < p.script.turns().size() && !p.due.isAfter(now)) {
                due.add(emit(p));
            }
            if (p.next >= p.script.turns().size()) {
                it.remove();
            }
        }
        turns += due.size();
        return due;
    }

    /** No new conversations from now on; those playing go on to their end (to let the pipeline drain). */
    public synchronized void stopNewConversations() {
        arriving = false;
    }

    /** Conversations that still have turns to play. */
    public synchronized int openConversations() {
        return playing.size();
    }

    public synchronized SimulatorCounters counters() {
        Map<String, Map<String, Long>> endingsCopy = new TreeMap<>();
        endings.forEach((scenario, counts) -> endingsCopy.put(scenario, Map.copyOf(counts)));
        return new SimulatorCounters(conversations, turns, playing.size(), endingsCopy, byVersion);
    }

    private void start(Instant now) {
        SimScenario scenario = pickScenario();
        String version = pickVersion();
        AgentProfile agent = versions.at(version);
        Script script = SamplingDerailment.apply(scenario.scenario().write(agent, random), agent.temperature(),
                random);
        SimUser user = users.get(random.nextInt(users.size()));
        String id = String.format(Locale.ROOT, "%s%s-%06d", CONVERSATION_PREFIX, runTag, ++conversations);
        playing.add(new Playing(id, user, version, script, now));
        endings.computeIfAbsent(scenario.id(), s -> new TreeMap<>())
                .merge(script.ending().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        byVersion.merge(shortSha(version), 1L, Long::sum);
    }

    private TurnEvent emit(Playing p) {
        int index = p.next;
        Script.Turn turn = p.script.turns().get(index);
        TurnEvent event = TurnEvent.newBuilder()
                .setEventId(p.conversationId + "#" + index)
                .setTenant("default")
                .setProject("default")
                .setConversationId(p.conversationId)
                .setTurnIndex(index)
                .setEventTime(p.due)
                .setRole(turn.role())
                .setText(turn.text())
                .setAgentName(AGENT_NAME)
                .setAgentVersion(shortSha(p.version))
                .setPromptVersion(p.version)
                .setHarnessVersion(p.version)
                .setConfigVersion(p.version)
                .setUserId(p.user.id())
                .setUserAttributes(p.user.attributes())
                .setToolCalls(turn.toolCalls())
                .setFeedback(null)
                .setEnd(null)
                .setOperation("chat")
                .build();
        p.next++;
        if (p.next < p.script.turns().size()) {
            p.due = p.due.plus(pauseBefore(p.script.turns().get(p.next)));
        }
        return event;
    }

    /** Users think and type for about a turn gap; the agent answers faster but waits for its tools; people slower. */
    private Duration pauseBefore(Script.Turn turn) {
        long gap = settings.turnGap().toMillis();
        double factor = turn.role() == Role.USER ? uniform(0.7, 1.3)
                : turn.role() == Role.ASSISTANT ? uniform(0.25, 0.45) : uniform(1.0, 2.0);
        return Duration.ofMillis(Math.round(gap * factor) + turn.toolMillis());
    }

    private double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    private SimScenario pickScenario() {
        double total = settings.mix().values().stream().mapToDouble(Double::doubleValue).sum();
        double x = random.nextDouble() * total;
        SimScenario last = null;
        for (Map.Entry<SimScenario, Double> entry : settings.mix().entrySet()) {
            last = entry.getKey();
            x -= entry.getValue();
            if (x < 0) {
                return last;
            }
        }
        return last;
    }

    private String pickVersion() {
        double x = random.nextDouble();
        String last = null;
        for (Map.Entry<String, Double> entry : shares.entrySet()) {
            last = entry.getKey();
            x -= entry.getValue();
            if (x < 0) {
                return last;
            }
        }
        return last;
    }

    /** A third of the users are on a trial, a quarter are new; each keeps their attributes for the whole run. */
    private static List<SimUser> users(int count, SplittableRandom random) {
        List<SimUser> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(new SimUser(String.format(Locale.ROOT, "sim-user-%04d", i), Map.of(
                    "plan", random.nextInt(3) == 0 ? "trial" : "pro",
                    "user_type", random.nextInt(4) == 0 ? "new" : "returning",
                    SYNTHETIC_ATTRIBUTE, "true")));
        }
        return users;
    }

    static String shortSha(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }
}
