package dev.turnloop.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What this process holds: resident memory (Linux), heap in use after a full collection, bytes of a state folder. */
final class ProcessMemory {

    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+)\\s+kB$");

    private ProcessMemory() {
    }

    /** Resident set size of this process in bytes, from /proc/self/status; -1 where there is no such file. */
    static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            return residentBytes(Files.readString(status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The VmRSS line of a /proc/[pid]/status text, in bytes. */
    static long residentBytes(String procStatus) {
        Matcher rss = VM_RSS.matcher(procStatus);
        if (!rss.find()) {
            throw new IllegalArgumentException("no VmRSS line in the process status");
        }
        return Long.parseLong(rss.group(1)) * 1024;
    }

    /** The heap after asking for a full collection (twice: the first may leave finalizable objects behind). */
    static MemoryUsage heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    }

    /** Bytes of the regular files below {@code dir}; a file that vanishes while counting (compaction) counts none. */
    static long bytesBelow(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                return paths.mapToLong(ProcessMemory::sizeOrZero).sum();
            } catch (IOException | UncheckedIOException e) {
                // a folder that vanished under the walk: count again
                if (attempt == 3) {
                    throw new IllegalStateException("cannot measure " + dir, e);
                }
            }
        }
    }

    private static long sizeOrZero(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.size(path) : 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
