package dev.turnloop.ingest;

import dev.turnloop.ingest.signals.FingerprintSimilarity;
import dev.turnloop.schemas.streams.StreamsDefaults;
import dev.turnloop.textkit.Redactor;
import java.util.Map;
import java.util.Properties;

/** How the ingest app runs: the shared Streams defaults, and the standard readers (textkit similarity, redaction). */
public final class IngestStreams {

    private IngestStreams() {
    }

    public static Properties properties(Map<String, Object> clientProperties, String applicationId, String stateDir,
            String deadLetterTopic) {
        return StreamsDefaults.properties(clientProperties, applicationId, stateDir, deadLetterTopic);
    }

    public static IngestTopology.Readers readers(IngestSettings settings) {
        Redactor redactor = Redactor.standard();
        return IngestTopology.Readers.standard(settings, new FingerprintSimilarity(),
                text -> redactor.redactAndCap(text, dev.turnloop.ingest.signals.ConversationTracker.REQUEST_CHARS));
    }
}
