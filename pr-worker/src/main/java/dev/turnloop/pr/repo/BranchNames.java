package dev.turnloop.pr.repo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Branch names for items and reverts: {@code <prefix>/<item-slug>-<hash>}. The slug keeps the name readable; the
 * short hash of the exact item id keeps two items whose ids slug alike (e.g. {@code a|b} and {@code a/b}) apart.
 */
public final class BranchNames {
    private static final int MAX_SLUG = 48;
    private static final int HASH_HEX = 8;
    private static final int COMMIT_HEX = 12;

    private BranchNames() {
    }

    /** The branch a proposal for {@code itemId} is pushed to. */
    public static String forItem(String prefix, String itemId) {
        String slug = slug(itemId);
        return prefix + "/" + (slug.isEmpty() ? "" : slug + "-") + sha256Hex(itemId).substring(0, HASH_HEX);
    }

    /** The branch a revert of commit {@code commitId} is pushed to, named for the item when known. */
    public static String forRevert(String prefix, String itemId, String commitId) {
        String slug = itemId == null ? "" : slug(itemId);
        return prefix + "/revert-" + (slug.isEmpty() ? "" : slug + "-") + commitId.substring(0, COMMIT_HEX);
    }

    static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() <= MAX_SLUG ? slug : slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
