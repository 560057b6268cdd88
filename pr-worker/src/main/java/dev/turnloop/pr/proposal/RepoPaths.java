package dev.turnloop.pr.proposal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for a file path inside the target repository, shared by the repository config and the proposals: relative,
 * forward slashes, normalised, never outside the work tree or inside {@code .git}.
 */
public final class RepoPaths {
    private static final Pattern MECHANISM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/|-]{0,99}");

    private RepoPaths() {
    }

    /** What is wrong with {@code path} as a repository file path, or empty when it is fine. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("is empty");
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            return Optional.of("is absolute; give it relative to the repository root, e.g. prompts/system.md");
        }
        if (path.contains("\\")) {
            return Optional.of("contains a backslash; use forward slashes");
        }
        if (path.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("contains a control character");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("is not normalised (empty, '.' or '..' segment); write it like harness/tools.yaml");
            }
            if (segment.equalsIgnoreCase(".git")) {
                return Optional.of("points into .git, which the worker never edits");
            }
        }
        return Optional.empty();
    }

    static String requireValid(String path) {
        problem(path).ifPresent(p -> {
            throw new IllegalArgumentException("target file '" + path + "' " + p);
        });
        return path;
    }

    static String requireMechanismId(String mechanismId) {
        if (mechanismId == null || !MECHANISM_ID.matcher(mechanismId).matches()) {
            throw new IllegalArgumentException("mechanism id '" + mechanismId + "' must match " + MECHANISM_ID.pattern());
        }
        return mechanismId;
    }

    static String extensionOf(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
    }
}
