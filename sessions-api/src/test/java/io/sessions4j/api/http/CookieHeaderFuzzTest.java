package io.sessions4j.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the {@code Cookie} request header parser ({@link CookieHeader}): any text a client
 * sends in any number of headers gives a list of at most {@code limit} values (never an exception), and
 * well-formed headers (RFC 6265 section 4.2.1) give back exactly the first {@code limit} values that were sent,
 * in order.
 *
 * <p>Every build replays {@code src/test/resources/io/sessions4j/api/http/CookieHeaderFuzzTestInputs/};
 * {@code docs/reliability.md} gives the command that fuzzes for minutes.
 */
class CookieHeaderFuzzTest {
    /** RFC 6265 cookie-octet: US-ASCII except controls, space, DQUOTE, comma, semicolon and backslash. */
    private static final String COOKIE_OCTETS = "!#$%&'()*+-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`"
            + "abcdefghijklmnopqrstuvwxyz{|}~";
    /** RFC 7230 tchar: what a cookie name is made of. */
    private static final String TOKEN = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Arbitrary header text: values come back, each a piece of a header between separators; nothing throws. */
    @FuzzTest
    void anyHeaders(FuzzedDataProvider data) {
        String name = data.consumeBoolean() ? "sessionid" : data.consumeString(16);
        List<String> headers = new ArrayList<>();
        int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
            headers.add(data.consumeBoolean() ? null : data.consumeString(2048));
        }
        int limit = data.consumeInt(0, 8);
        List<String> values = CookieHeader.values(headers, name, limit);
        assertThat(values).hasSizeLessThanOrEqualTo(limit);
        long pairs = headers.stream().filter(h -> h != null)
                .mapToLong(h -> h.chars().filter(c -> c == ';').count() + 1).sum();
        assertThat((long) values.size()).isLessThanOrEqualTo(pairs);
        for (String value : values) {
            assertThat(value).doesNotContain(";");
            assertThat(headers).anyMatch(h -> h != null && h.contains(value));
        }
    }

    /** Headers a browser would send: exactly the values of the named cookie come back, in the order sent. */
    @FuzzTest
    void wellFormedHeaders(FuzzedDataProvider data) {
        String name = token(data, 1 + data.consumeInt(0, 11));
        List<String> headers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int headerCount = data.consumeInt(1, 3);
        for (int h = 0; h < headerCount; h++) {
            StringBuilder header = new StringBuilder();
            int pairs = data.consumeInt(1, 6);
            for (int p = 0; p < pairs; p++) {
                String pairName = data.consumeBoolean() ? name : token(data, 1 + data.consumeInt(0, 11));
                String value = cookieOctets(data, data.consumeInt(0, 40));
                if (pairName.equals(name)) {
                    expected.add(value);
                }
                header.append(p == 0 ? "" : "; ").append(pairName).append('=')
                        .append(data.consumeBoolean() ? "\"" + value + "\"" : value);
            }
            headers.add(header.toString());
        }
        int limit = data.consumeBoolean() ? Integer.MAX_VALUE : data.consumeInt(0, 8);
        assertThat(CookieHeader.values(headers, name, limit))
                .isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
    }

    private static String token(FuzzedDataProvider data, int length) {
        return pick(data, TOKEN, length);
    }

    private static String cookieOctets(FuzzedDataProvider data, int length) {
        return pick(data, COOKIE_OCTETS, length);
    }

    private static String pick(FuzzedDataProvider data, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return s.toString();
    }
}
