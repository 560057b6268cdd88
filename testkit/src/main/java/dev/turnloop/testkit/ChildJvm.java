package dev.turnloop.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a child JVM on this JVM's own classpath, so that a test can start the broker and the turnloop
 * command as real processes from the jars Maven resolved, and stop them cleanly (SIGTERM) or kill them (SIGKILL).
 * Every child still running when this JVM exits is killed, so a failed test leaves no broker behind.
 */
final class ChildJvm {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "child-jvm-reaper"));
    }

    private ChildJvm() {
    }

    /**
     * Starts {@code mainClass} with {@code args}; stdout and stderr are appended to {@code log}. The classpath goes
     * through an argument file, which has no command-line length limit.
     */
    static Process start(String mainClass, List<String> jvmOptions, List<String> args, Map<String, String> env,
            Path workDir, Path log) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(log.toAbsolutePath().getParent());
            Path argFile = workDir.resolve("classpath.args");
            Files.writeString(argFile, "-cp \"" + escape(classpath()) + "\"\n", StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(javaBinary());
            command.add("@" + argFile.toAbsolutePath());
            command.addAll(jvmOptions);
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass + " in a child JVM", e);
        }
    }

    /** SIGTERM, then waits for the JVM's shutdown hooks; SIGKILL if it has not exited within {@code timeoutSeconds}. */
    static int stop(Process process, long timeoutSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping pid " + process.pid(), e);
        }
    }

    /** SIGKILL: the process gets no chance to flush, commit or close anything. */
    static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing pid " + process.pid(), e);
        }
    }

    /** The test JVM's classpath: surefire and failsafe set java.class.path to the full test classpath. */
    static String classpath() {
        return System.getProperty("java.class.path");
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
