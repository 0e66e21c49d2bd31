package io.sessions4j.api.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryPrincipalIndexTest {
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    @DisplayName("an index over a storage that drops keys by itself sweeps them out on later adds, never a stored one")
    void sweepsDroppedKeysOnAdd() {
        Set<String> stored = new HashSet<>();
        InMemoryPrincipalIndex index = new InMemoryPrincipalIndex(stored::contains);
        stored.add("k1");
        index.add("alice", "k1", EXPIRY);
        stored.add("k2");
        index.add("bob", "k2", EXPIRY);
        stored.remove("k1"); // the storage dropped it (expiry, eviction) without telling the index
        assertThat(index.keys("alice")).containsExactly("k1");
        stored.add("k3");
        index.add("carol", "k3", EXPIRY);
        assertThat(index.keys("alice")).isEmpty();
        assertThat(index.keys("bob")).containsExactly("k2");
        assertThat(index.keys("carol")).containsExactly("k3");
    }

    @Test
    @DisplayName("with a bounded storage the index stays within about twice what the storage holds")
    void staysBounded() {
        Set<String> stored = new java.util.LinkedHashSet<>();
        InMemoryPrincipalIndex index = new InMemoryPrincipalIndex(stored::contains);
        for (int i = 0; i < 10_000; i++) {
            String key = "k" + i;
            stored.add(key);
            if (stored.size() > 100) { // a cache of 100 entries evicting its oldest
                stored.remove(stored.iterator().next());
            }
            index.add("user" + i, key, EXPIRY);
        }
        assertThat(index.principals()).isBetween(100, 2 * 100 + InMemoryPrincipalIndex.SWEEP_PER_ADD);
        assertThat(index.clearStale(Instant.now())).isPositive();
        assertThat(index.principals()).isEqualTo(100);
        for (String key : stored) {
            assertThat(index.keys("user" + key.substring(1))).containsExactly(key);
        }
    }

    @Test
    @DisplayName("keys removed by the storage's own calls leave the sweep line without a lookup")
    void removedKeysAreSkipped() {
        Set<String> asked = new HashSet<>();
        InMemoryPrincipalIndex index = new InMemoryPrincipalIndex(key -> asked.add(key) || true);
        index.add("alice", "k1", EXPIRY);
        index.remove("alice", "k1");
        index.add("bob", "k2", EXPIRY);
        assertThat(asked).doesNotContain("k1");
        assertThat(index.keys("bob")).containsExactly("k2");
    }

    @Test
    @DisplayName("without a test of what is stored the index never sweeps: the storage tells it of every end")
    void noSweepWithoutTest() {
        InMemoryPrincipalIndex index = new InMemoryPrincipalIndex();
        index.add("alice", "k1", EXPIRY);
        index.add("bob", "k2", EXPIRY);
        index.add("carol", "k3", EXPIRY);
        assertThat(index.clearStale(Instant.now())).isZero();
        assertThat(index.principals()).isEqualTo(3);
    }

    @Test
    @DisplayName("a key whose principal changes again and again keeps one place in the sweep line")
    void principalChangesDoNotPileUp() {
        Set<String> asked = new HashSet<>();
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        InMemoryPrincipalIndex index = new InMemoryPrincipalIndex(key -> {
            lookups.incrementAndGet();
            return asked.add(key) || true;
        });
        for (int i = 0; i < 1000; i++) { // as SessionTracker.updated does on a principal change
            index.remove("user" + i, "k");
            index.add("user" + (i + 1), "k", EXPIRY);
        }
        lookups.set(0);
        assertThat(index.clearStale(Instant.now())).isZero();
        assertThat(lookups.get()).isEqualTo(1);
        assertThat(index.keys("user1000")).containsExactly("k");
    }
}
