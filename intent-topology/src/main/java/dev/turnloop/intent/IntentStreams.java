package dev.turnloop.intent;

import dev.turnloop.schemas.streams.StreamsDefaults;
import dev.turnloop.textkit.Redactor;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.StreamsConfig;

/** How the intents app runs: the shared Streams defaults, and redaction of requests before they are embedded. */
public final class IntentStreams {

    /** Requests are embedded and kept as examples at most this long. */
    public static final int REQUEST_CHARS = 300;

    private IntentStreams() {
    }

    public static Properties properties(Map<String, Object> clientProperties, String applicationId, String stateDir,
            String deadLetterTopic) {
        Properties props = StreamsDefaults.properties(clientProperties, applicationId, stateDir, deadLetterTopic);
        // embedding takes milliseconds per request: fewer records per poll keep the poll loop responsive
        props.put(StreamsConfig.consumerPrefix("max.poll.records"), 200);
        return props;
    }

    public static UnaryOperator<String> redaction() {
        Redactor redactor = Redactor.standard();
        return text -> redactor.redactAndCap(text, REQUEST_CHARS);
    }
}
