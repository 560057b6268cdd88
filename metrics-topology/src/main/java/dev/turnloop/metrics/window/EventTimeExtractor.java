package dev.turnloop.metrics.window;

import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of this topology's inputs, so that windows, grace, suppression and the order in which a change and its
 * conversations are seen follow what happened, also on replay: an intent assignment counts at its conversation's
 * close (else at its own event time), a change at its deployment, an intent event at its time.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value();
        if (value instanceof IntentAssignment assignment) {
            return assignment.getSummary() != null ? assignment.getSummary().getClosedAt().toEpochMilli()
                    : assignment.getEventTime().toEpochMilli();
        }
        if (value instanceof ChangeEvent change) {
            return change.getDeployedAt().toEpochMilli();
        }
        if (value instanceof IntentEvent event) {
            return event.getAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
