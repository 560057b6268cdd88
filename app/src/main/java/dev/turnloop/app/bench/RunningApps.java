package dev.turnloop.app.bench;

import dev.turnloop.app.run.StreamsRunner;
import dev.turnloop.app.run.TurnloopApps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/** Apps started together for one measurement, closed together in reverse order (downstream first). */
final class RunningApps implements AutoCloseable {

    /** An app's consumer group and the input topics it must have consumed for its part of the work to be done. */
    record Stage(String applicationId, List<String> inputs) {
    }

    private final List<StreamsRunner> runners = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    private RunningApps() {
    }

    static RunningApps start(TurnloopApps.App... apps) {
        RunningApps running = new RunningApps();
        try {
            for (TurnloopApps.App app : apps) {
                running.runners.add(StreamsRunner.start(app.name(), app.topology(), app.properties()));
            }
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        return running;
    }

    /** Waits until every app is RUNNING. */
    void awaitRunning(Duration timeout) throws InterruptedException {
        for (StreamsRunner runner : runners) {
            if (!runner.awaitRunning(timeout)) {
                throw new IllegalStateException("the " + runner.name() + " app did not start within " + timeout);
            }
        }
    }

    /**
     * Seconds from the start of the apps until each stage, in order, has committed all of its inputs. A stage's inputs
     * are complete once the stages before it are done, so the seconds of the last stage time the whole chain.
     */
    double[] secondsUntilConsumed(BenchCluster cluster, List<Stage> stages, Duration timeout) throws Exception {
        double[] seconds = new double[stages.size()];
        for (int i = 0; i < stages.size(); i++) {
            cluster.awaitConsumed(stages.get(i).applicationId(), stages.get(i).inputs(), timeout);
            seconds[i] = (System.nanoTime() - startNanos) / 1e9;
        }
        return seconds;
    }

    KafkaStreams streams(String name) {
        return runners.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no app " + name)).streams();
    }

    @Override
    public void close() {
        for (int i = runners.size() - 1; i >= 0; i--) {
            runners.get(i).close();
        }
    }
}
