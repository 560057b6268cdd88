package dev.turnloop.app.run;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one topology: starts it, replaces a stream thread that dies (its tasks resume from the last commit, which
 * exactly-once makes safe), logs state changes, and closes it cleanly. The same runner serves every turnloop app.
 */
public final class StreamsRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

    private final String name;
    private final KafkaStreams streams;

    private StreamsRunner(String name, KafkaStreams streams) {
        this.name = name;
        this.streams = streams;
    }

    public static StreamsRunner start(String name, Topology topology, Properties props) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("{}: a stream thread failed and is replaced: {}", name, e.toString());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("{}: {} -> {}", name, before, now));
        streams.start();
        return new StreamsRunner(name, streams);
    }

    public String name() {
        return name;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Waits until the app is RUNNING; false if it did not get there in time. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (streams.state() == KafkaStreams.State.ERROR) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
