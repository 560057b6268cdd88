package dev.turnloop.pr.repo;

import dev.turnloop.common.http.BearerToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * A secret (forge API token, git https token, webhook secret) that never shows itself: {@link #toString()} is
 * redacted and {@link #redact} scrubs it from any text before that text reaches a log or an exception. Only
 * {@link #reveal()} hands it out, at the one place a request is signed. Read and checked as a {@link BearerToken}.
 */
public final class AccessToken {
    private static final String MASK = "***";
    private final BearerToken token;

    private AccessToken(BearerToken token) {
        this.token = token;
    }

    /** A token given directly (tests, or a caller that already read it from a vault). */
    public static AccessToken of(String value) {
        return new AccessToken(new BearerToken(value));
    }

    /** The token in environment variable {@code name}, e.g. {@code GITHUB_TOKEN}. */
    public static AccessToken fromEnv(String name) {
        return new AccessToken(BearerToken.fromEnv(name));
    }

    static AccessToken fromEnv(String name, Map<String, String> env) {
        return new AccessToken(BearerToken.fromEnv(name, env));
    }

    /** The token in a secret file (a mounted Kubernetes secret, say); surrounding whitespace is ignored. */
    public static AccessToken fromFile(Path file) {
        return new AccessToken(BearerToken.fromFile(file));
    }

    /** The secret itself, for signing one request; never pass it to a log or an exception. */
    public String reveal() {
        return token.reveal();
    }

    /**
     * {@code text} with the token, and its Basic-auth encodings as git's https transport sends it, replaced by
     * {@code ***}.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String value = token.reveal();
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
