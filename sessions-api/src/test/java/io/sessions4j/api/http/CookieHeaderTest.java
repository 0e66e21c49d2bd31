package io.sessions4j.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Raw {@code Cookie} header parsing (RFC 6265 section 5.4), the input of F10. */
class CookieHeaderTest {

    private static List<String> values(String name, String... headers) {
        return CookieHeader.values(List.of(headers), name, 100);
    }

    @Test
    @DisplayName("F10 Every value of the session cookie, in the order sent, across several headers")
    void f10_keepsEveryValueInOrder() {
        assertThat(values("sessionid", "a=1; sessionid=first; b=2; sessionid=second", "sessionid=third"))
                .containsExactly("first", "second", "third");
    }

    @Test
    @DisplayName("Whitespace is trimmed, double quotes are stripped, empty values are kept")
    void trimsAndUnquotes() {
        assertThat(values("sessionid", "  sessionid = \"quoted\" ;sessionid=;sessionid=plain  "))
                .containsExactly("quoted", "", "plain");
    }

    @Test
    @DisplayName("Only the exact name matches: no prefix, suffix or case-insensitive match; malformed pairs are skipped")
    void matchesTheExactNameOnly() {
        assertThat(values("sessionid", "xsessionid=1; sessionidx=2; SESSIONID=3; sessionid; =4; sessionid=5"))
                .containsExactly("5");
    }

    @Test
    @DisplayName("A value may contain '=' (everything after the first '=' is the value)")
    void valueMayContainEquals() {
        assertThat(values("sessionid", "sessionid=a=b")).containsExactly("a=b");
    }

    @Test
    @DisplayName("No Cookie header: no value")
    void noHeader() {
        assertThat(values("sessionid")).isEmpty();
        assertThat(CookieHeader.values(null, "sessionid", 3)).isEmpty();
    }

    @Test
    @DisplayName("F12 at most `limit` values are taken, whatever the client sends (each costs a storage lookup)")
    void f12_boundedCandidates() {
        String junk = String.join("; ", java.util.Collections.nCopies(150, "sessionid=junk"));
        assertThat(CookieHeader.values(List.of(junk + "; sessionid=valid"), "sessionid", 3)).containsExactly("junk", "junk", "junk");
        assertThat(CookieHeader.values(List.of("sessionid=a", "sessionid=b", "sessionid=c", "sessionid=d"), "sessionid", 3))
                .containsExactly("a", "b", "c");
    }
}
