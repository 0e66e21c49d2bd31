package io.sessions4j.engine.signedcookie.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.spi.SessionCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerifiedCookiesUnitTest {
    private static final Instant SIGNED = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    @DisplayName("Found only by the whole value; a value of another length or one changed character is not found")
    void foundByTheWholeValue() {
        VerifiedCookies kept = new VerifiedCookies();
        kept.keep("abc:def:ghi", decoded(Map.of("k", 1)));
        assertThat(kept.get("abc:def:ghi").data()).containsEntry("k", 1);
        assertThat(kept.get("abc:def:gh")).isNull();
        assertThat(kept.get("abc:def:ghj")).isNull();
        assertThat(kept.get("abc:def:ghi ")).isNull();
        assertThat(kept.get("abc:def:ghi").signedAt()).isEqualTo(SIGNED);
    }

    @Test
    @DisplayName("Keeps a deep copy of what it was given, and hands it out read-only: a missed copy throws")
    @SuppressWarnings("unchecked")
    void keepsADeepCopy() {
        VerifiedCookies kept = new VerifiedCookies();
        LinkedHashMap<String, Object> data = new LinkedHashMap<>();
        data.put("list", new ArrayList<>(List.of(1)));
        kept.keep("v", new SessionCodec.Decoded(data, SIGNED));
        ((List<Object>) data.get("list")).add(2);
        data.put("other", 3);

        Map<String, Object> handed = kept.get("v").data();
        assertThat(handed).containsOnlyKeys("list");
        assertThat(handed.get("list")).isEqualTo(List.of(1));
        assertThatThrownBy(() -> handed.put("more", 4)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(kept.get("v").data()).containsOnlyKeys("list");
    }

    @Test
    @DisplayName("Data that cannot be copied faithfully is not kept")
    void uncopyableNotKept() {
        VerifiedCookies kept = new VerifiedCookies();
        LinkedHashMap<String, Object> data = new LinkedHashMap<>();
        data.put("odd", new StringBuilder("x"));
        kept.keep("v", new SessionCodec.Decoded(data, SIGNED));
        assertThat(kept.get("v")).isNull();
        assertThat(kept.size()).isZero();
    }

    @Test
    @DisplayName("Never more than its capacity")
    void bounded() {
        VerifiedCookies kept = new VerifiedCookies(4);
        for (int i = 0; i < 100; i++) {
            kept.keep("v" + i, decoded(Map.of("i", i)));
            assertThat(kept.size()).isBetween(1, 4);
        }
        assertThatThrownBy(() -> new VerifiedCookies(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Capacity 0 keeps nothing")
    void off() {
        VerifiedCookies kept = new VerifiedCookies(0);
        kept.keep("v", decoded(Map.of("k", 1)));
        assertThat(kept.get("v")).isNull();
        assertThat(kept.size()).isZero();
    }

    @Test
    @DisplayName("The comparison is exact")
    void constantTimeEquals() {
        assertThat(VerifiedCookies.constantTimeEquals("", "")).isTrue();
        assertThat(VerifiedCookies.constantTimeEquals("abc", "abc")).isTrue();
        assertThat(VerifiedCookies.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(VerifiedCookies.constantTimeEquals("abc", "ab")).isFalse();
        assertThat(VerifiedCookies.constantTimeEquals("Abc", "abc")).isFalse();
    }

    private static SessionCodec.Decoded decoded(Map<String, Object> data) {
        return new SessionCodec.Decoded(new LinkedHashMap<>(data), SIGNED);
    }
}
