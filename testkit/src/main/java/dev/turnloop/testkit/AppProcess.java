package dev.turnloop.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One instance of a turnloop app as its own process: {@code turnloop run <app>} (the {@code TurnloopCommand} main)
 * in a child JVM on the test classpath, with its own state directory, its ops endpoint on a free port and its output
 * in a log file. Stop it cleanly (SIGTERM runs the command's shutdown hook, which closes Kafka Streams), kill it
 * (SIGKILL) and start it again on the same state directory, as an operator or a crash would.
 *
 * <p>The instance directory holds {@code state/} (Kafka Streams' RocksDB), {@code <name>.log} and the classpath
 * argument file. The test passes the connection options (bootstrap servers, registry, prefix) and any others.
 */
public final class AppProcess implements AutoCloseable {

    public static final String MAIN_CLASS = "dev.turnloop.app.TurnloopCommand";
    private static final Pattern OPS_ENDPOINT = Pattern.compile("ops endpoint: http://127\\.0\\.0\\.1:(\\d+)/");
    private static final long STOP_TIMEOUT_SECONDS = 60;
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");

    private final String name;
    private final Path dir;
    private final List<String> args;
    private final Map<String, String> env;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private long logOffset;

    private AppProcess(String name, Path dir, List<String> args, Map<String, String> env) {
        this.name = name;
        this.dir = dir;
        this.args = List.copyOf(args);
        this.env = Map.copyOf(env);
        this.log = dir.resolve(name + ".log");
    }

    /**
     * Starts {@code turnloop run <app> --state-dir <dir>/state --ops-port 0 <options>}.
     *
     * @param name    the instance's name, e.g. {@code ingest-2}; its log is {@code <dir>/<name>.log}
     * @param dir     the instance's own directory; reused when the instance is started again
     * @param options further options of {@code turnloop run} (connection, standby replicas, ...)
     * @param env     extra environment, e.g. {@code TURNLOOP_KAFKA_*} client settings
     */
    public static AppProcess run(String app, String name, Path dir, List<String> options, Map<String, String> env) {
        List<String> args = new ArrayList<>(List.of("run", app, "--state-dir", dir.resolve("state").toString(),
                "--ops-port", "0"));
        args.addAll(options);
        AppProcess instance = new AppProcess(name, dir, args, env);
        instance.start();
        return instance;
    }

    /** Starts the process (again) with the same arguments and state directory. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        logOffset = size(log);
        process = ChildJvm.start(MAIN_CLASS, JVM_OPTIONS, args, env, dir, log);
    }

    /** SIGTERM: Kafka Streams closes cleanly (commits, checkpoints, leaves the group); returns the exit code. */
    public synchronized int stop() {
        return process == null || !process.isAlive() ? exitValue() : ChildJvm.stop(process, STOP_TIMEOUT_SECONDS);
    }

    /** SIGKILL: no commit, no checkpoint, no leave-group; the open transaction stays open until fenced or timed out. */
    public synchronized void kill() {
        if (isAlive()) {
            ChildJvm.kill(process);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** True once the current process answers 200 on /health: every app in it is RUNNING or REBALANCING. */
    public boolean isHealthy() {
        OptionalInt port = opsPort();
        if (!isAlive() || port.isEmpty()) {
            return false;
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port.getAsInt() + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The ops port the current process printed, once it has. */
    public OptionalInt opsPort() {
        try {
            if (!Files.exists(log)) {
                return OptionalInt.empty();
            }
            byte[] bytes = Files.readAllBytes(log);
            String output = new String(bytes, (int) Math.min(logOffset, bytes.length),
                    (int) Math.max(0, bytes.length - logOffset), StandardCharsets.UTF_8);
            Matcher matcher = OPS_ENDPOINT.matcher(output);
            return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private int exitValue() {
        return process == null ? 0 : process.exitValue();
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
