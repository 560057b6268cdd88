package dev.turnloop.scale;

import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes turns as an agent runtime would, at a steady pace: a turn is sent when the wall clock, sped up by a fixed
 * factor, reaches its event time, so traffic keeps flowing while instances come, go and die. The producer is
 * idempotent with unbounded retries and a delivery timeout longer than a broker restart, so the input itself is never
 * lost or duplicated; any send that still fails fails the test.
 *
 * <p>Records carry the time they are sent as their timestamp, as a live runtime's would; the event time is in the
 * turn. Not the event time, which lies days back here: a broker forgets an idempotent producer whose last record
 * timestamp is older than {@code producer.id.expiration.ms} (a day), and a broker restarted mid-stream was seen
 * accepting the producer's next batch after a gap of unacknowledged ones, which then expired: lost input.
 */
final class PacedPublisher implements AutoCloseable {

    private final KafkaProducer<String, TurnEvent> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    PacedPublisher(String bootstrapServers, TopicSpec<String, TurnEvent> turns) {
        this.topic = turns.name();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(5).toMillis()),
                turns.keySerde().serializer(), turns.valueSerde().serializer());
    }

    /**
     * Publishes {@code turns} (sorted by event time) in the background: the turn at event time {@code t} is sent
     * {@code (t - eventStart) / speedup} after now. Completes when all are acknowledged.
     */
    CompletableFuture<Void> publishPaced(List<TurnEvent> turns, Instant eventStart, double speedup) {
        return CompletableFuture.runAsync(() -> {
            long wallStart = System.nanoTime();
            for (TurnEvent turn : turns) {
                long dueNanos = (long) (Duration.between(eventStart, turn.getEventTime()).toNanos() / speedup);
                long waitMillis = (dueNanos - (System.nanoTime() - wallStart)) / 1_000_000;
                if (waitMillis > 0) {
                    sleep(waitMillis);
                }
                send(turn);
            }
            flush();
        });
    }

    /** Publishes {@code turns} at once and waits until all are acknowledged. */
    void publishNow(List<TurnEvent> turns) {
        turns.forEach(this::send);
        flush();
    }

    private void send(TurnEvent turn) {
        producer.send(new ProducerRecord<>(topic, turn.getConversationId(), turn), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    private void flush() {
        producer.flush();
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("publishing the input failed: " + failed, failed);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
