package dev.turnloop.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry (Apache-2.0) process, unpacked from Maven Central by the build, speaking the Confluent
 * REST API at {@code /apis/ccompat/v7}. Started once per JVM with BACKWARD compatibility, like production.
 *
 * <p>The unpacked directory comes from the system property {@code turnloop.apicurio.home}, which the parent pom sets.
 */
public final class ApicurioRegistry {

    public static final String HOME_PROPERTY = "turnloop.apicurio.home";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static volatile ApicurioRegistry shared;

    private final Process process;
    private final int port;
    private final Path log;

    private ApicurioRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The JVM-wide registry, started on first use and stopped when the JVM exits. */
    public static ApicurioRegistry shared() {
        ApicurioRegistry registry = shared;
        if (registry == null) {
            synchronized (ApicurioRegistry.class) {
                registry = shared;
                if (registry == null) {
                    registry = start();
                    Runtime.getRuntime().addShutdownHook(new Thread(registry::stop, "apicurio-stop"));
                    shared = registry;
                }
            }
        }
        return registry;
    }

    public static ApicurioRegistry start() {
        Path home = home();
        Path runner = findRunner(home);
        int port = freePort();
        try {
            Path log = Files.createTempFile("apicurio-registry-", ".log");
            List<String> command = new ArrayList<>(List.of(
                    javaBinary(), "-Xmx384m", "-XX:+UseSerialGC",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.log.level=WARN",
                    "-jar", runner.toString()));
            Process process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ApicurioRegistry registry = new ApicurioRegistry(process, port, log);
            registry.awaitReady();
            registry.setBackwardCompatibility();
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Apicurio Registry from " + runner + ": " + e.getMessage(), e);
        }
    }

    /** The Confluent-compatible API base URL, the value of {@code schema.registry.url}. */
    public String confluentApiUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/subjects")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException("Apicurio Registry did not become ready within " + START_TIMEOUT + "; log: " + log);
    }

    private void setBackwardCompatibility() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/config"))
                            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("setting BACKWARD compatibility answered " + response.statusCode()
                        + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not configure Apicurio Registry: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || !Files.isDirectory(Path.of(home))) {
            throw new IllegalStateException("Apicurio Registry is not unpacked: system property " + HOME_PROPERTY
                    + " = " + home + "; build the testkit module first (mvn -pl testkit package), which unpacks it");
        }
        return Path.of(home);
    }

    private static Path findRunner(Path home) {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + home));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + home, e);
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
