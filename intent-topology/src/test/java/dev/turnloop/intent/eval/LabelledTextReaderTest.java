package dev.turnloop.intent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledTextReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsCsvByColumnNameWithQuotedCommasAndNewlines() throws IOException {
        // Given a CSV whose header names the columns and whose texts hold commas, quotes and a line break
        Path file = dir.resolve("data.csv");
        Files.writeString(file, """
                id,text,category
                1,"Where is my card, it's late?",card_arrival
                2,"She said ""hi""
                then left",greeting
                3,   ,blank
                """);

        // When read by column names
        var items = LabelledTextReader.read(file, "text", "category");

        // Then each row is one item in file order, text intact, and the blank one skipped
        assertThat(items).containsExactly(
                new LabelledText("Where is my card, it's late?", "card_arrival"),
                new LabelledText("She said \"hi\"\nthen left", "greeting"));
    }

    @Test
    void readsGzippedJsonLinesByFieldName() throws IOException {
        // Given gzipped JSON lines with extra fields and an empty line
        Path file = dir.resolve("turns.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("""
                    {"text": "book a table", "intent": "Restaurant", "turn": 0}

                    {"text": "play some jazz", "intent": "Music"}
                    """.getBytes(StandardCharsets.UTF_8));
        }

        // When read by field names
        var items = LabelledTextReader.read(file, "text", "intent");

        // Then both items come back in order
        assertThat(items).containsExactly(new LabelledText("book a table", "Restaurant"),
                new LabelledText("play some jazz", "Music"));
    }

    @Test
    void aMissingColumnIsReportedWithTheColumnsThereAre() throws IOException {
        // Given a CSV without the label column asked for
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "text,label\nhello,greeting\n");

        // When read with another label column, then the error names what is there
        assertThatThrownBy(() -> LabelledTextReader.read(file, "text", "category"))
                .isInstanceOf(IOException.class).hasMessageContaining("category").hasMessageContaining("label");
    }
}
