package dev.turnloop.ingest.decode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Event ids for producers that sent none, derived so that a retried record gets the same id and is deduplicated. */
final class EventIds {

    private EventIds() {
    }

    /**
     * A name-based (type 3) UUID over the parts. Each part is length-prefixed so that different splits of the same
     * characters ("ab" + "c" versus "a" + "bc") never give the same id.
     */
    static String derive(String... parts) {
        StringBuilder name = new StringBuilder("turnloop");
        for (String part : parts) {
            name.append('|').append(part.length()).append(':').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
