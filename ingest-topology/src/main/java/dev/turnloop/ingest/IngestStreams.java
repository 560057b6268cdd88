package dev.turnloop.ingest;

import dev.turnloop.ingest.signals.FingerprintSimilarity;
import dev.turnloop.schemas.streams.StreamsDefaults;
import dev.turnloop.textkit.Redactor;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** How the ingest app runs: the shared Streams defaults, and the standard readers (textkit similarity, redaction). */
public final class IngestStreams {

    private IngestStreams() {
    }

    public static Properties properties(Map<String, Object> clientProperties, String applicationId, String stateDir,
            String deadLetterTopic) {
        Properties props = StreamsDefaults.properties(clientProperties, applicationId, stateDir, deadLetterTopic);
        // The three inputs (Avro, JSON, OTLP) are independent feeds: nothing is gained by holding one back until the
        // others have data to align timestamps with (order within a conversation is the reorder buffer's job). With
        // the default (0) Streams also formats a log line for every idle input partition on every record.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        return props;
    }

    public static IngestTopology.Readers readers(IngestSettings settings) {
        Redactor redactor = Redactor.standard();
        return IngestTopology.Readers.standard(settings, new FingerprintSimilarity(),
                text -> redactor.redactAndCap(text, dev.turnloop.ingest.signals.ConversationTracker.REQUEST_CHARS));
    }
}
