package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.SessionCodec;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.SessionValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Type fidelity of what Ehcache's heap keeps (issue #20): for any session data, what a read from the heap returns
 * equals, with the same classes all the way down, what {@code codec.decode} returns for the same stored string.
 */
class EhcacheKeptDecodePropertyTest {

    @Property(tries = 300)
    void keptDecodeIsExactlyTheCodecsDecode(@ForAll("sessions") Map<String, Object> data) {
        MutableClock clock = MutableClock.startingNow();
        try (StorageSessionEngine engine = ehcacheEngine(clock)) {
            SessionCodec codec = engine.context().codec();
            String encoded;
            try {
                encoded = codec.encode(data, clock.instant());
            } catch (IllegalArgumentException unwritable) { // NaN and infinities are not JSON
                Assume.that(false);
                return;
            }
            String key = "property0123456789abcdefghijklmn";
            engine.storage().create(key, encoded, clock.instant().plus(Duration.ofHours(1)));
            SessionCodec.Decoded decoded = codec.decode(encoded, clock.instant()).orElseThrow();

            SessionStore first = engine.open(key);
            EhcacheKeptDecodeTest.assertSameTree(new LinkedHashMap<>(decoded.data()), new LinkedHashMap<>(first), "first read");
            SessionStorage.Stored kept = engine.storage().load(key, Instant.now()).orElseThrow();
            assertThat(kept.decoded()).as("kept after the first read").isNotNull();
            // Kept read-only at the top (shared by every read), the classes a decode gives below it.
            assertThatThrownBy(() -> kept.decoded().data().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
            EhcacheKeptDecodeTest.assertSameTree(new LinkedHashMap<>(decoded.data()), new LinkedHashMap<>(kept.decoded().data()), "kept");
            assertThat(kept.decoded().signedAt()).isEqualTo(decoded.signedAt());
            SessionStore second = engine.open(key);
            EhcacheKeptDecodeTest.assertSameTree(new LinkedHashMap<>(decoded.data()), new LinkedHashMap<>(second), "read from the heap");
        }
    }

    /**
     * The same for what a write keeps (no decode at all: the serializer's decoded copy of the data it wrote): either
     * nothing, for data the JSON layer does not mirror (big numbers), or exactly the codec's decode of the entry.
     */
    @Property(tries = 300)
    void keptWriteIsExactlyTheCodecsDecode(@ForAll("sessions") Map<String, Object> data) {
        MutableClock clock = MutableClock.startingNow();
        try (StorageSessionEngine engine = ehcacheEngine(clock)) {
            SessionStore writer = engine.open(null);
            writer.putAll(data);
            try {
                writer.save();
            } catch (IllegalArgumentException unwritable) {
                Assume.that(false);
                return;
            }
            SessionStorage.Stored stored = engine.storage().load(writer.getSessionKey(), clock.instant()).orElseThrow();
            boolean mirrored = data.values().stream().noneMatch(EhcacheKeptDecodePropertyTest::holdsBigNumber);
            assertThat(stored.decoded() != null).as("kept at the write").isEqualTo(mirrored);
            if (mirrored) {
                SessionCodec.Decoded decoded = engine.context().codec().decode(stored.data(), clock.instant()).orElseThrow();
                EhcacheKeptDecodeTest.assertSameTree(new LinkedHashMap<>(decoded.data()),
                        new LinkedHashMap<>(stored.decoded().data()), "kept at the write");
                assertThat(stored.decoded().signedAt()).isEqualTo(decoded.signedAt());
                EhcacheKeptDecodeTest.assertSameTree(new LinkedHashMap<>(decoded.data()),
                        new LinkedHashMap<>(engine.open(writer.getSessionKey())), "read from the heap");
            }
        }
    }

    private static boolean holdsBigNumber(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(EhcacheKeptDecodePropertyTest::holdsBigNumber);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(EhcacheKeptDecodePropertyTest::holdsBigNumber);
        }
        return value instanceof BigInteger || value instanceof BigDecimal;
    }

    private static StorageSessionEngine ehcacheEngine(MutableClock clock) {
        return (StorageSessionEngine) new CacheEngineProvider().create(SessionSettings.of(Map.of(
                "sessions.engine", "cache", "sessions.cache.backend", "ehcache",
                "sessions.secret.key", EhcacheKeptDecodeTest.SECRET)), clock);
    }

    @Provide
    Arbitrary<Map<String, Object>> sessions() {
        Arbitrary<Object> value = Arbitraries.oneOf(SessionValues.json(), SessionValues.bigDecimals().map(v -> (Object) v),
                SessionValues.bigIntegers().map(v -> (Object) v), Arbitraries.longs().map(v -> (Object) v));
        return Arbitraries.maps(SessionValues.strings().filter(k -> !k.startsWith("_session")), value).ofMaxSize(6)
                .map(LinkedHashMap::new);
    }
}
