package dev.turnloop.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployment artefacts live, found from the test's working directory (the module or the repository). */
final class RepoPaths {

    private RepoPaths() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/k8s")) && Files.isDirectory(dir.resolve("schemas"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
    }

    static Path deploy() {
        return root().resolve("deploy");
    }

    static Path k8s() {
        return deploy().resolve("k8s");
    }
}
