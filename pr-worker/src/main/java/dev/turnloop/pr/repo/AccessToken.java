package dev.turnloop.pr.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * A secret (forge API token, git https token, webhook secret) that never shows itself: {@link #toString()} is
 * redacted and {@link #redact} scrubs it from any text before that text reaches a log or an exception. Only
 * {@link #reveal()} hands it out, at the one place a request is signed.
 */
public final class AccessToken {
    private static final String MASK = "***";
    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    /** A token given directly (tests, or a caller that already read it from a vault). */
    public static AccessToken of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a token must not be blank");
        }
        return new AccessToken(value.strip());
    }

    /** The token in environment variable {@code name}, e.g. {@code GITHUB_TOKEN}. */
    public static AccessToken fromEnv(String name) {
        return fromEnv(name, System.getenv());
    }

    static AccessToken fromEnv(String name, Map<String, String> env) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set or empty; export the token"
                    + " there, or give a secret file instead");
        }
        return new AccessToken(value.strip());
    }

    /** The token in a secret file (a mounted Kubernetes secret, say); surrounding whitespace is ignored. */
    public static AccessToken fromFile(Path file) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read secret file " + file + " (" + e.getClass().getSimpleName()
                    + "); check the path and that this user may read it");
        }
        if (value.isEmpty()) {
            throw new IllegalStateException("secret file " + file + " is empty");
        }
        return new AccessToken(value);
    }

    /** The secret itself, for signing one request; never pass it to a log or an exception. */
    public String reveal() {
        return value;
    }

    /**
     * {@code text} with the token, and its Basic-auth encodings as git's https transport sends it, replaced by
     * {@code ***}.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(value, MASK);
        for (String user : new String[] {"", GitWorkspace.TOKEN_USER}) {
            out = out.replace(Base64.getEncoder().encodeToString((user + ":" + value).getBytes(StandardCharsets.UTF_8)),
                    MASK);
        }
        return out;
    }

    @Override
    public String toString() {
        return "AccessToken[" + MASK + "]";
    }
}
