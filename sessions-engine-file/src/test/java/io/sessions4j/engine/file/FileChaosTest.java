package io.sessions4j.engine.file;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.OutageScenario;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos scenario ({@link OutageScenario}: 64 writers on one session, an outage in the middle) on the file
 * engine: the session directory becomes read-only mid-run ({@code chattr +i} when running as root, where
 * permissions stop nobody) and writable again. Reads keep working, writes fail with SessionStorageException.
 *
 * <p>There is no "silent hang" variant: a local directory cannot be made to stop answering from a test (a hung
 * network file system blocks the thread inside the kernel, where no Java timeout reaches it); see
 * {@code docs/reliability.md}.
 */
class FileChaosTest {
    @TempDir
    Path root;

    @Test
    @Timeout(120)
    @DisplayName("E5 directory read-only mid-run: 0 confirmed writes lost, only SessionStorageException, recovery without restart, no resurrection")
    void readOnlyDirectory() throws Exception {
        FaultyDirectory faulty = FaultyDirectory.switchable(root);
        assumeTrue(faulty != null, FaultyDirectory.unavailable("a read-only directory"));
        try (faulty; StorageSessionEngine engine = FileEngines.engine(faulty.path(), MutableClock.startingNow())) {
            new OutageScenario("file read-only", engine, OutageScenario.Outage.of(faulty::readOnly, faulty::writable))
                    .check();
        }
    }
}
