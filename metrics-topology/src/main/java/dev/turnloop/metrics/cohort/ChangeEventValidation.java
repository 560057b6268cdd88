package dev.turnloop.metrics.cohort;

import dev.turnloop.metrics.window.RateMetric;
import dev.turnloop.schemas.ChangeEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Rejects change events that cannot be judged (unknown target metric, same old and new version, no versions, no
 * planned volume) by throwing: the processing-exception handler dead-letters the original record with the reason,
 * before it is repartitioned and its bytes are no longer the producer's.
 */
final class ChangeEventValidation implements FixedKeyProcessor<String, ChangeEvent, ChangeEvent> {

    private FixedKeyProcessorContext<String, ChangeEvent> context;

    @Override
    public void init(FixedKeyProcessorContext<String, ChangeEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ChangeEvent> record) {
        ChangeEvent change = record.value();
        if (change == null) {
            return;
        }
        String problem = problemOf(change);
        if (problem != null) {
            throw new IllegalArgumentException("change " + change.getChangeId() + " cannot be judged: " + problem);
        }
        context.forward(record);
    }

    static String problemOf(ChangeEvent change) {
        if (RateMetric.byName(change.getTargetMetric()).isEmpty()) {
            return "unknown target metric '" + change.getTargetMetric() + "'";
        }
        if (change.getOldVersion().isBlank() || change.getNewVersion().isBlank()) {
            return "old and new version are required";
        }
        if (change.getOldVersion().equals(change.getNewVersion())) {
            return "old and new version are the same";
        }
        if (change.getPlannedVolumePerArm() < 1) {
            return "planned_volume_per_arm must be >= 1";
        }
        if (change.getTargetIntentId().isBlank()) {
            return "target intent is required";
        }
        return null;
    }
}
