package dev.turnloop.intent.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.textkit.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a micro-cluster keeps besides its vector summary: a few redacted requests (to name intents) and hashes of
 * distinct users, up to a cap (the privacy gate only needs to know "at least N").
 */
record MicroClusterDetails(List<String> examples, Set<Long> userHashes) {

    static final int MAX_USERS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    static MicroClusterDetails empty() {
        return new MicroClusterDetails(new ArrayList<>(), new LinkedHashSet<>());
    }

    MicroClusterDetails with(String example, int maxExamples, String userId) {
        List<String> examples = new ArrayList<>(this.examples);
        if (example != null && !example.isBlank() && examples.size() < maxExamples && !examples.contains(example)) {
            examples.add(example);
        }
        Set<Long> users = new LinkedHashSet<>(userHashes);
        if (userId != null && users.size() < MAX_USERS) {
            users.add(Hashes.fnv1a64(userId));
        }
        return new MicroClusterDetails(examples, users);
    }

    MicroClusterDetails merge(MicroClusterDetails other, int maxExamples) {
        MicroClusterDetails merged = this;
        for (String example : other.examples) {
            merged = merged.with(example, maxExamples, null);
        }
        Set<Long> users = new LinkedHashSet<>(merged.userHashes);
        for (Long user : other.userHashes) {
            if (users.size() < MAX_USERS) {
                users.add(user);
            }
        }
        return new MicroClusterDetails(merged.examples, users);
    }

    byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MicroClusterDetails decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, MicroClusterDetails.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt micro-cluster details", e);
        }
    }
}
