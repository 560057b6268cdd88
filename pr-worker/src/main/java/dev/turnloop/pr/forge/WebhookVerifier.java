package dev.turnloop.pr.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.pr.repo.AccessToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks GitHub webhook deliveries and reads the ones that matter here. GitHub signs each payload with the
 * webhook secret as {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256>}; {@link #isAuthentic} recomputes it and
 * compares in constant time. Only then should {@link #mergedPullRequest} read the payload: a {@code pull_request}
 * event with action {@code closed} and {@code merged: true}.
 */
public final class WebhookVerifier {
    /** Header GitHub puts the signature in. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    /** Header GitHub puts the event name in. */
    public static final String EVENT_HEADER = "X-GitHub-Event";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";
    private static final int SHA256_HEX = 64;

    private final SecretKeySpec key;
    private final ObjectMapper json = new ObjectMapper();

    public WebhookVerifier(AccessToken secret) {
        Objects.requireNonNull(secret, "secret");
        this.key = new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** True when {@code signatureHeader} is the HMAC of exactly these payload bytes under the secret. */
    public boolean isAuthentic(byte[] payload, String signatureHeader) {
        if (payload == null || signatureHeader == null || !signatureHeader.startsWith(PREFIX)
                || signatureHeader.length() != PREFIX.length() + SHA256_HEX) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(payload), given);
    }

    /**
     * The merged pull request in an (already verified) delivery, or empty for any other event or action.
     *
     * @param event the {@value #EVENT_HEADER} header
     */
    public Optional<MergedPullRequest> mergedPullRequest(String event, byte[] payload) {
        if (!"pull_request".equals(event)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode pr = root.path("pull_request");
        if (!"closed".equals(root.path("action").asText()) || !pr.path("merged").asBoolean(false)) {
            return Optional.empty();
        }
        return Optional.of(new MergedPullRequest(pr.path("number").asInt(), pr.path("html_url").asText(),
                pr.path("head").path("ref").asText(), pr.path("base").path("ref").asText(),
                pr.hasNonNull("merge_commit_sha") ? pr.get("merge_commit_sha").asText() : null,
                pr.path("body").asText("")));
    }

    private byte[] hmac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[secret=***]";
    }
}
