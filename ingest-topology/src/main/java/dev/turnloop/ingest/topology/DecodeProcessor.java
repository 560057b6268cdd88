package dev.turnloop.ingest.topology;

import dev.turnloop.schemas.streams.DeadLetterHeaders;
import dev.turnloop.ingest.decode.DeadLetterReason;
import dev.turnloop.ingest.decode.DecodeFailure;
import dev.turnloop.ingest.decode.DecodeResult;
import dev.turnloop.ingest.decode.TurnDecoder;
import dev.turnloop.ingest.decode.TurnValidator;
import dev.turnloop.schemas.TurnEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes raw input records (Avro wire format, JSON, OTLP spans, by source topic) and validates every turn. Good
 * turns go on; anything else becomes a dead letter that keeps the original key and value bytes and says why in its
 * headers. One OTLP record can hold many spans: the good ones go on, and if any failed the record is dead-lettered
 * once, its headers counting the failures by reason.
 */
final class DecodeProcessor implements Processor<byte[], byte[], String, Decoded> {

    /** Header naming the input a turn came from: avro, json or otlp. */
    static final String SOURCE_HEADER = "turnloop.source";

    /** One input: its decoder, its source name, and whether its keys are conversation ids. */
    record Input(TurnDecoder decoder, String source, boolean keyedByConversation) {
    }

    private static final int MAX_DETAIL_CHARS = 1000;

    private final Map<String, Input> inputsByTopic;
    private final TurnValidator validator;
    private ProcessorContext<String, Decoded> context;

    DecodeProcessor(Map<String, Input> inputsByTopic, TurnValidator validator) {
        this.inputsByTopic = Map.copyOf(inputsByTopic);
        this.validator = validator;
    }

    @Override
    public void init(ProcessorContext<String, Decoded> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Input input = inputsByTopic.get(source.topic());
        // validation time: the later of the wall clock and the record's own timestamp, never the untrusted event time
        Instant now = Instant.ofEpochMilli(Math.max(context.currentSystemTimeMs(), record.timestamp()));
        DecodeResult result = validator.validateAll(input.decoder().decode(record.value()), now);
        if (result.hasFailures()) {
            // one dead letter per input record, however many of its spans failed: the bytes are the same
            DecodeFailure first = result.failures().get(0);
            context.forward(new Record<String, Decoded>(null, new Decoded.DeadLetter(record.key(), record.value()),
                    record.timestamp(), DeadLetterHeaders.of(record.headers(), first.reason().name(),
                            describe(result.failures()), source.topic(), source.partition(), source.offset())));
        }
        for (TurnEvent turn : result.turns()) {
            boolean keyed = input.keyedByConversation() && record.key() != null
                    && Arrays.equals(record.key(), turn.getConversationId().getBytes(StandardCharsets.UTF_8));
            Record<String, Decoded> out = new Record<String, Decoded>(turn.getConversationId(),
                    new Decoded.Turn(turn, input.source(), keyed), turn.getEventTime().toEpochMilli());
            out.headers().add(SOURCE_HEADER, input.source().getBytes(StandardCharsets.UTF_8));
            context.forward(out);
        }
    }

    /** The first failure's detail, plus how many more there were by reason (an OTLP batch can hold many). */
    static String describe(List<DecodeFailure> failures) {
        String detail = failures.get(0).detail();
        if (failures.size() > 1) {
            Map<DeadLetterReason, Long> byReason = failures.stream()
                    .collect(Collectors.groupingBy(DecodeFailure::reason, TreeMap::new, Collectors.counting()));
            detail = detail + " (" + failures.size() + " failures in this record: " + byReason + ")";
        }
        return detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail;
    }
}
