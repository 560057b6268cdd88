package dev.turnloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A broker's request to halt or exit reaches the test output instead of ending the test JVM (were it obeyed, this
 * test's JVM would stop and the build would fail without a report).
 */
class EmbeddedKafkaHaltTest {

    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        Exit.resetHaltProcedure();
        Exit.resetExitProcedure();
    }

    @Test
    void aBrokersHaltAndExitRequestsArePrintedNotObeyed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        EmbeddedKafka.keepTheJvmWhenTheBrokerGivesUp();

        Exit.halt(1, "Halting broker because dir /tmp/kafka-logs is offline");
        Exit.exit(3, "fatal error in a request handler");

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("halt the JVM (status 1): Halting broker because dir /tmp/kafka-logs is offline")
                .contains("exit the JVM (status 3): fatal error in a request handler");
    }
}
