package dev.turnloop.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {

    @Test
    void residentMemoryIsReadFromTheVmRssLineInKibibytes() {
        // Given a process status text
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t  100000 kB\n";

        // When read, then VmRSS (not VmPeak or RssAnon) is returned in bytes
        assertThat(ProcessMemory.residentBytes(status)).isEqualTo(123_456L * 1024);
    }

    @Test
    void aStatusWithoutVmRssIsAnError() {
        assertThatThrownBy(() -> ProcessMemory.residentBytes("Name:\tjava\nVmPeak:\t 9000 kB\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VmRSS");
    }

    @Test
    void folderBytesSumTheFilesInEverySubfolder(@TempDir Path dir) throws Exception {
        // Given files of 10 and 250 bytes, one in a subfolder
        Files.write(dir.resolve("a"), new byte[10]);
        Files.createDirectories(dir.resolve("task/rocksdb"));
        Files.write(dir.resolve("task/rocksdb/000001.sst"), new byte[250]);

        // When measured, then both count, and a missing folder counts as empty
        assertThat(ProcessMemory.bytesBelow(dir)).isEqualTo(260);
        assertThat(ProcessMemory.bytesBelow(dir.resolve("missing"))).isZero();
    }
}
