package io.sessions4j.engine.cache.ehcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** G3 on the Ehcache backend: add-if-absent, per-entry expiry on the engine's clock, compare-and-set, bounds, disk. */
class EhcacheSessionCacheTest {
    private final MutableClock clock = MutableClock.startingNow();
    private EhcacheSessionCache cache = new EhcacheSessionCache(100, null, 1, clock);

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    @DisplayName("G3 add is add-if-absent: a taken key is refused and keeps its value")
    void g3_addIfAbsent() {
        assertThat(cache.add("k", "first", Duration.ofMinutes(1))).isTrue();
        assertThat(cache.add("k", "second", Duration.ofMinutes(1))).isFalse();
        assertThat(cache.get("k")).contains("first");
    }

    @Test
    @DisplayName("G3 every entry expires after its own time-to-live, on the engine's clock; reads do not extend it")
    void g3_perEntryExpiry() {
        cache.set("short", "s", Duration.ofSeconds(10));
        cache.set("long", "l", Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(9));
        assertThat(cache.get("short")).contains("s");
        assertThat(cache.exists("short")).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(cache.get("short")).isEmpty();
        assertThat(cache.exists("short")).isFalse();
        assertThat(cache.get("long")).contains("l");
        clock.advance(Duration.ofSeconds(50));
        assertThat(cache.exists("long")).isFalse();
    }

    @Test
    @DisplayName("G3 a compare-and-set restarts the time-to-live with the new value's")
    void g3_updateSetsNewTtl() {
        cache.set("k", "v1", Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(8));
        assertThat(cache.compareAndSet("k", "v1", "v2", Duration.ofSeconds(10))).isTrue();
        clock.advance(Duration.ofSeconds(8));
        assertThat(cache.get("k")).contains("v2");
        clock.advance(Duration.ofSeconds(3));
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    @DisplayName("E3 compare-and-set compares the stored data; never creates a missing entry")
    void e3_compareAndSet() {
        cache.set("k", "v1", Duration.ofMinutes(1));
        assertThat(cache.compareAndSet("k", "other", "v2", Duration.ofMinutes(1))).isFalse();
        assertThat(cache.get("k")).contains("v1");
        assertThat(cache.compareAndSet("k", "v1", "v2", Duration.ofMinutes(1))).isTrue();
        assertThat(cache.get("k")).contains("v2");
        assertThat(cache.compareAndSet("k", null, "v3", Duration.ofMinutes(1))).isTrue();
        assertThat(cache.get("k")).contains("v3");

        assertThat(cache.compareAndSet("missing", "v1", "v2", Duration.ofMinutes(1))).isFalse();
        assertThat(cache.compareAndSet("missing", null, "v2", Duration.ofMinutes(1))).isFalse();
        assertThat(cache.exists("missing")).isFalse();
    }

    @Test
    @DisplayName("G3 the heap holds at most sessions.cache.max_entries entries")
    void g3_heapIsBounded() {
        cache.close();
        cache = new EhcacheSessionCache(10, null, 1, clock);
        IntStream.range(0, 200).forEach(i -> cache.set("k" + i, "v" + i, Duration.ofMinutes(1)));
        long present = IntStream.range(0, 200).filter(i -> cache.exists("k" + i)).count();
        assertThat(present).isBetween(1L, 10L);
    }

    @Test
    @DisplayName("G3 with a disk path, entries beyond the heap stay readable and survive a restart")
    void g3_diskTier(@TempDir Path dir) throws Exception {
        cache.close();
        cache = new EhcacheSessionCache(10, dir, 16, clock);
        IntStream.range(0, 200).forEach(i -> cache.set("k" + i, "välue " + i, Duration.ofMinutes(5)));
        assertThat(IntStream.range(0, 200).filter(i -> cache.get("k" + i).equals(java.util.Optional.of("välue " + i))).count())
                .isEqualTo(200);
        cache.close();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isPositive();
        }

        cache = new EhcacheSessionCache(10, dir, 16, clock);
        assertThat(cache.get("k123")).contains("välue 123");
        assertThat(cache.compareAndSet("k123", "välue 123", "new", Duration.ofMinutes(5))).isTrue();
        clock.advance(Duration.ofMinutes(6));
        assertThat(cache.get("k123")).isEmpty();
        assertThat(cache.get("k7")).isEmpty();
    }

    @Test
    @DisplayName("S3 the disk tier directory is created 0700 and every file Ehcache writes in it is 0600")
    void s3_diskTierIsOwnerOnly(@TempDir Path parent) throws Exception {
        cache.close();
        Path dir = parent.resolve("disk");
        cache = new EhcacheSessionCache(10, dir, 16, clock);
        IntStream.range(0, 50).forEach(i -> cache.set("k" + i, "v" + i, Duration.ofMinutes(5)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        cache.close();
        try (var paths = Files.walk(dir)) {
            assertThat(paths.filter(p -> !p.equals(dir)).toList()).isNotEmpty().allSatisfy(p ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                            .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
        }
        cache = new EhcacheSessionCache(10, dir, 16, clock);
    }

    @Test
    @DisplayName("S3 a disk tier directory other users can list is refused, naming path, mode and the setting")
    void s3_openDiskDirectoryRefused(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("disk"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> new EhcacheSessionCache(10, dir, 16, clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("rwxr-xr-x (755)")
                .hasMessageContaining("sessions.cache.disk_path");
    }

    @Test
    @DisplayName("G3 the disk serializer round-trips data and time-to-live, and compares by data")
    void g3_serializer() {
        CachedSessionSerializer serializer = new CachedSessionSerializer();
        CachedSession value = new CachedSession("data ✓ \uD83D\uDE00", Duration.ofMillis(1234));
        CachedSession read = serializer.read(serializer.serialize(value));
        assertThat(read.data()).isEqualTo(value.data());
        assertThat(read.ttl()).isEqualTo(Duration.ofMillis(1234));
        assertThat(serializer.equals(new CachedSession("data ✓ \uD83D\uDE00", Duration.ZERO), serializer.serialize(value)))
                .isTrue();
        assertThat(value.toString()).doesNotContain("data");
    }
}
