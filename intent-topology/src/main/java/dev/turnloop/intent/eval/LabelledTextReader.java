package dev.turnloop.intent.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads labelled evaluation items in file order from JSON lines or CSV with a header ({@code .gz} files are
 * decompressed). Items whose text is blank are skipped: they carry no intent.
 */
public final class LabelledTextReader {

    private LabelledTextReader() {
    }

    /** Reads by extension: {@code .csv} or {@code .jsonl}, optionally followed by {@code .gz}. */
    public static List<LabelledText> read(Path file, String textField, String labelField) throws IOException {
        String name = file.getFileName().toString().toLowerCase().replaceFirst("\\.gz$", "");
        if (name.endsWith(".csv")) {
            return csv(file, textField, labelField);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return jsonLines(file, textField, labelField);
        }
        throw new IllegalArgumentException("unknown format (expected .csv or .jsonl): " + file);
    }

    /** One JSON object per line; {@code textField} and {@code labelField} name string fields of it. */
    public static List<LabelledText> jsonLines(Path file, String textField, String labelField) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<LabelledText> items = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(open(file))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(line);
                add(items, required(node, textField, file, number), required(node, labelField, file, number));
            }
        }
        return items;
    }

    /** CSV whose first row names the columns; {@code textColumn} and {@code labelColumn} are two of those names. */
    public static List<LabelledText> csv(Path file, String textColumn, String labelColumn) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<LabelledText> items = new ArrayList<>();
        try (Reader reader = open(file);
             MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
            int number = 1;
            while (rows.hasNext()) {
                number++;
                Map<String, String> row = rows.next();
                if (!row.containsKey(textColumn) || !row.containsKey(labelColumn)) {
                    throw new IOException(file + " row " + number + " lacks column " + textColumn + " or " + labelColumn
                            + "; columns are " + row.keySet());
                }
                add(items, row.get(textColumn), row.get(labelColumn));
            }
        }
        return items;
    }

    private static void add(List<LabelledText> items, String text, String label) {
        if (text != null && !text.isBlank()) {
            items.add(new LabelledText(text, label));
        }
    }

    private static String required(JsonNode node, String field, Path file, int line) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException(file + " line " + line + " has no field " + field);
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static Reader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
