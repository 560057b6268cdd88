package dev.turnloop.ingest.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.ingest.state.ConversationStateCodec;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The open-conversations store writes the states it holds decoded back to its changelog when Kafka Streams flushes
 * caches before a commit (through an internal Streams interface). The test driver commits after every input record,
 * so after each turn the changelog must already carry the conversation's state with that turn in it. If Streams
 * stopped calling the hook, the changelog would lag a commit behind and a restart could lose a turn's state.
 */
class WriteBackBeforeCommitTest {

    @Test
    void everyCommitCarriesTheStatesItsTurnsProduced() {
        try (IngestHarness ingest = new IngestHarness()) {
            TestOutputTopic<String, byte[]> changelog = ingest.driver.createOutputTopic(
                    ingest.topics.applicationId(IngestTopology.APP) + "-" + IngestGraph.OPEN_CONVERSATIONS_STORE
                            + "-changelog", new StringDeserializer(), new ByteArrayDeserializer());

            ingest.send(IngestHarness.turn("c1", 0, dev.turnloop.schemas.Role.USER, "my card never arrived").build());
            List<TestRecord<String, byte[]>> afterFirst = changelog.readRecordsToList();
            ingest.send(IngestHarness.turn("c1", 1, dev.turnloop.schemas.Role.ASSISTANT, "It ships today.").build());
            List<TestRecord<String, byte[]>> afterSecond = changelog.readRecordsToList();

            assertThat(afterFirst).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("c1");
                assertThat(ConversationStateCodec.decode(record.value()).turns).isEqualTo(1);
            });
            assertThat(afterSecond).singleElement()
                    .satisfies(record -> assertThat(ConversationStateCodec.decode(record.value()).turns).isEqualTo(2));
        }
    }
}
