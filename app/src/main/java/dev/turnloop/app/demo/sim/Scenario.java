package dev.turnloop.app.demo.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/** Writes one conversation of a kind of request, as the agent described by a profile would have it. */
interface Scenario {

    Script write(AgentProfile agent, RandomGenerator random);

    /** A random element of {@code options}. */
    static <T> T pick(RandomGenerator random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
