package dev.turnloop.schemas.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetteringProductionExceptionHandlerTest {

    private static final String DLQ = "t.dead-letters";
    private static final byte[] INPUT = filled(1_048_000);

    private final DeadLetteringProductionExceptionHandler handler = new DeadLetteringProductionExceptionHandler();

    @BeforeEach
    void configure() {
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DLQ));
    }

    @Test
    void anOutputTooLargeDeadLettersTheInputWithItsOriginalBytes() {
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("t.turns-enriched", new byte[1], INPUT);

        Response response = handler.handleError(context(), output, new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(DLQ);
            assertThat(dead.value()).isEqualTo(INPUT);
        });
    }

    @Test
    void aDeadLetterThatIsItselfTooLargeIsCutInsteadOfRetriedForever() {
        // Given a dead letter of a near-limit input that the broker still refused
        RecordHeaders headers = new RecordHeaders();
        headers.add("turnloop.dlq.reason", "MALFORMED_BYTES".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(DLQ, 2, new byte[] {7}, INPUT, headers);

        // When the handler is asked what to do with it
        Response response = handler.handleError(context(), deadLetter, new RecordTooLargeException("too large"));

        // Then it resumes with a smaller dead letter: the first bytes, the reasons, and the original size
        assertThat(response.result()).isEqualTo(Result.RESUME);
        ProducerRecord<byte[], byte[]> cut = response.deadLetterQueueRecords().get(0);
        assertThat(cut.topic()).isEqualTo(DLQ);
        assertThat(cut.partition()).isEqualTo(2);
        assertThat(cut.value()).hasSize(DeadLetteringProductionExceptionHandler.TRUNCATED_BYTES)
                .isEqualTo(Arrays.copyOf(INPUT, DeadLetteringProductionExceptionHandler.TRUNCATED_BYTES));
        assertThat(new String(cut.headers().lastHeader("turnloop.dlq.reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("MALFORMED_BYTES");
        assertThat(new String(cut.headers().lastHeader(DeadLetteringProductionExceptionHandler.TRUNCATED_HEADER)
                .value(), StandardCharsets.UTF_8)).isEqualTo(String.valueOf(INPUT.length));
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            public String topic() {
                return "t.turns";
            }

            public int partition() {
                return 0;
            }

            public long offset() {
                return 42;
            }

            public Headers headers() {
                return new RecordHeaders();
            }

            public String processorNodeId() {
                return "sink";
            }

            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            public long timestamp() {
                return 0;
            }

            public byte[] sourceRawKey() {
                return new byte[1];
            }

            public byte[] sourceRawValue() {
                return INPUT;
            }
        };
    }
}
