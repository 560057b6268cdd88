package dev.turnloop.pr.mechanism;

import java.util.Optional;

/** Reads a file of the target repository as it is on the base branch now (e.g. {@code GitWorkspace::readBaseFile}). */
@FunctionalInterface
public interface FileSource {
  /** The file's text, or empty when it does not exist. */
  Optional<String> read(String path);
}
