package dev.turnloop.common.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;

/**
 * A shared secret sent as {@code Authorization: Bearer <secret>}: servers check a request's header with
 * {@link #authorizes}, clients send {@link #authorizationHeader}. Read from an environment variable or a secret file
 * so it never appears on a command line; {@link #toString()} never shows it.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final String secret;

    /** @param secret the token; surrounding whitespace is ignored, a blank one is refused */
    public BearerToken(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("a token must not be blank");
        }
        this.secret = secret.strip();
    }

    /** The token in environment variable {@code variable}. */
    public static BearerToken fromEnv(String variable) {
        return fromEnv(variable, System.getenv());
    }

    /** The token in {@code variable} of {@code env}; the error names the variable, never a value. */
    public static BearerToken fromEnv(String variable, Map<String, String> env) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable + " is not set or empty: export the "
                    + "token there, or leave out the option that names it");
        }
        return new BearerToken(value);
    }

    /** The token in a secret file (a mounted Kubernetes secret, say); surrounding whitespace is ignored. */
    public static BearerToken fromFile(Path file) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read secret file " + file + " (" + e.getClass().getSimpleName()
                    + "); check the path and that this user may read it");
        }
        if (value.isBlank()) {
            throw new IllegalStateException("secret file " + file + " is empty");
        }
        return new BearerToken(value);
    }

    /**
     * Whether {@code authorizationHeader} (null when the request had none) is {@code Bearer <this token>}. The scheme
     * is matched as written, case-sensitively; the tokens are compared in constant time so response times do not
     * reveal how much of a guess was right.
     */
    public boolean authorizes(String authorizationHeader) {
        return authorizationHeader != null && authorizationHeader.startsWith(SCHEME) && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8),
                authorizationHeader.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header value a client sends: {@code Bearer <token>}. */
    public String authorizationHeader() {
        return SCHEME + secret;
    }

    /** The secret itself, where it serves as something else (a git password, an HMAC key); never log it. */
    public String reveal() {
        return secret;
    }

    @Override
    public String toString() {
        return "BearerToken[***]";
    }
}
