package dev.turnloop.app.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** A turns file: JSON lines, optionally gzip-compressed (by the .gz suffix). */
public final class TurnFile {

    private final Path path;

    public TurnFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("turns file " + path + " does not exist or is not a file; pass a "
                    + ".jsonl or .jsonl.gz file such as ../shared/data/sgd/dev-turns.jsonl.gz");
        }
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public BufferedReader open() throws IOException {
        InputStream in = Files.newInputStream(path);
        if (path.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
