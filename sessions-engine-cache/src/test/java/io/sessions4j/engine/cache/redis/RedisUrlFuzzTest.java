package io.sessions4j.engine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sessions4j.api.SessionConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the {@code sessions.cache.url} parser ({@link RedisUrl}): any text either parses
 * to a usable address (at least one node, ports 1–65535) or fails with {@link SessionConfigurationException};
 * and no letter of the password ever shows in that message or in the parsed URL's description (S1).
 *
 * <p>Every build replays {@code src/test/resources/io/sessions4j/engine/cache/redis/RedisUrlFuzzTestInputs/};
 * {@code docs/reliability.md} gives the command that fuzzes for minutes.
 */
class RedisUrlFuzzTest {
    /** Any text as the setting's value. */
    @FuzzTest
    void anyUrl(String url) {
        RedisUrl parsed;
        try {
            parsed = RedisUrl.parse(url);
        } catch (SessionConfigurationException expected) {
            assertThat(expected.getMessage()).contains(RedisUrl.KEY);
            return;
        }
        assertThat(parsed.nodes()).isNotEmpty().allSatisfy(node -> {
            assertThat(node.host()).isNotEmpty();
            assertThat(node.port()).isBetween(1, 65535);
        });
        assertThat(parsed.database()).isNotNegative();
    }

    /**
     * {@code scheme://user:password@rest} with every part chosen by the fuzzer: whether it parses or not, what is
     * shown (the error message, or the parsed URL's description) is the same for a twin password whose letters
     * all differ in case — so no letter of the password can be in it.
     */
    @FuzzTest
    void passwordNeverShown(FuzzedDataProvider data) {
        String scheme = data.pickValue(new String[] {"redis", "rediss", "redis-sentinel", "redis-cluster", "x"});
        String user = data.consumeString(12);
        String password = data.consumeString(40);
        String rest = data.consumeRemainingAsString();
        String shown = shown(scheme + "://" + user + ":" + password + "@" + rest);
        String twinShown = shown(scheme + "://" + user + ":" + twin(password) + "@" + rest);
        if (!shown.equals(twinShown)) {
            throw new AssertionError("the password shows through:\n" + shown + "\n" + twinShown);
        }
    }

    private static String shown(String url) {
        try {
            return RedisUrl.parse(url).toString();
        } catch (SessionConfigurationException e) {
            return e.getMessage();
        }
    }

    /**
     * Letters change case: the parser treats both alike, hex escapes stay valid. (Digits stay: {@code %-0} is a valid
     * escape to {@code URLDecoder}, which reads a sign, while {@code %-1} is not.)
     */
    private static String twin(String password) {
        StringBuilder out = new StringBuilder(password.length());
        for (char c : password.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append((char) (c - 'a' + 'A'));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) (c - 'A' + 'a'));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** What the fuzzer found first: the parser split the password at '#' and quoted the rest as a host. */
    @Test
    @DisplayName("S1 a password holding '#', '?' or '/' is taken whole and never shown, whether the URL parses or not")
    void passwordWithUrlDelimitersIsTakenWhole() {
        RedisUrl url = RedisUrl.parse("redis://app:pa#ss?wo/rd@cache.example.com:6380/2");
        assertThat(url.password()).isEqualTo("pa#ss?wo/rd");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.nodes()).containsExactly(new RedisUrl.Node("cache.example.com", 6380));
        assertThat(url.database()).isEqualTo(2);
        assertThat(url.toString()).doesNotContain("pa#ss");
        assertThatThrownBy(() -> RedisUrl.parse("redis://app:h4nt3r#x9q7@host:99999"))
                .isInstanceOf(SessionConfigurationException.class)
                .message().doesNotContain("h4nt3r").doesNotContain("x9q7");
        assertThatThrownBy(() -> RedisUrl.parse("redis://app:%zzh4nt3r@host"))
                .isInstanceOf(SessionConfigurationException.class)
                .message().doesNotContain("zz").doesNotContain("h4nt3r");
    }
}
