package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.SessionCookie;
import io.sessions4j.api.http.SessionLifecycle;
import io.sessions4j.testkit.LifecycleRequests;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.RecordingResponseHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * G7 size: a save whose {@code Set-Cookie} header (name, value and attributes) would exceed 4096 bytes
 * fails with {@link SessionTooLargeException} stating the size, before any header is written.
 */
class CookieSizeTest {
    private static final Pattern SIZE = Pattern.compile("header would be (\\d+) bytes");

    private final MutableClock clock = MutableClock.startingNow();
    private final StorageSessionEngine engine = Engines.engine(clock);
    private final LifecycleRequests lifecycle = new LifecycleRequests(new SessionLifecycle(engine));

    @Test
    @DisplayName("G7 the largest session that saves makes a header of at most 4096 bytes; one more character fails with the size")
    void g7_limitIsTheWholeHeader() {
        String lastHeader = null;
        SessionTooLargeException tooLarge = null;
        for (int length = 2500; length < 6000 && tooLarge == null; length++) {
            SessionStore s = lifecycle.open(List.of());
            s.put("blob", blob(length));
            try {
                lastHeader = lifecycle.finish(s, 200).setCookies().get(0);
            } catch (SessionTooLargeException e) {
                tooLarge = e;
            }
        }
        assertThat(tooLarge).as("some size fails").isNotNull();
        int lastSize = lastHeader.getBytes(StandardCharsets.UTF_8).length;
        assertThat(lastSize).isLessThanOrEqualTo(SessionCookie.MAX_BYTES)
                .isGreaterThan(SessionCookie.MAX_BYTES - 16);
        assertThat(lastHeader).startsWith("sessionid=").contains("; Max-Age=1209600; Path=/; SameSite=Lax");
        assertThat(reportedSize(tooLarge)).isGreaterThan(SessionCookie.MAX_BYTES)
                .isLessThanOrEqualTo(lastSize + 16);
        assertThat(tooLarge).hasMessageContaining("4096-byte browser limit");
    }

    @Test
    @DisplayName("G7 attributes count: a session that fits with the defaults fails with a long Domain attribute")
    void g7_attributesCount() {
        String blob = blob(2200);
        SessionStore plain = lifecycle.open(List.of());
        plain.put("blob", blob);
        String header = lifecycle.finish(plain, 200).setCookies().get(0);
        int valueLength = plain.getSessionKey().length();

        // Find how long a Domain attribute must be to push exactly this session over the limit.
        int headerWithoutDomain = header.getBytes(StandardCharsets.UTF_8).length;
        String domain = "d".repeat(SessionCookie.MAX_BYTES - headerWithoutDomain) + ".example.com";
        StorageSessionEngine withDomain = Engines.engine(clock, "sessions.cookie.domain", domain);
        LifecycleRequests requests = new LifecycleRequests(new SessionLifecycle(withDomain));
        SessionStore s = requests.open(List.of());
        s.put("blob", blob);
        assertThatThrownBy(() -> requests.finish(s, 200)).isInstanceOf(SessionTooLargeException.class)
                .hasMessageContaining("value alone " + valueLength + " bytes");
    }

    @Test
    @DisplayName("G7 a failed save changes nothing: the client keeps its cookie and data, and can save once smaller")
    void g7_failedSaveKeepsState() {
        LifecycleRequests requests = lifecycle;
        SessionStore login = requests.open(List.of());
        login.put("user_id", 42);
        String cookie = cookieValue(requests.finish(login, 200));

        SessionStore tooLarge = requests.open(List.of(cookie));
        tooLarge.put("blob", blob(5000));
        assertThatThrownBy(() -> requests.finish(tooLarge, 200)).isInstanceOf(SessionTooLargeException.class);
        assertThat(requests.exchange(tooLarge).headers()).as("no Set-Cookie replaces the client's cookie").isEmpty();

        SessionStore next = requests.open(List.of(cookie));
        assertThat(next).containsOnlyKeys("user_id", SessionStore.CREATED_KEY);
        next.put("small", 1);
        assertThat(engine.open(cookieValue(requests.finish(next, 200)))).containsKeys("user_id", "small");
    }

    private static String cookieValue(RecordingResponseHeaders response) {
        String header = response.setCookies().get(0);
        return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
    }

    @Test
    @DisplayName("G7 in a request, the exception escapes finish(): no Set-Cookie is produced")
    void g7_noHeaderWhenTooLarge() {
        SessionStore s = lifecycle.open(List.of());
        s.put("blob", blob(8000));
        assertThatThrownBy(() -> lifecycle.finish(s, 200)).isInstanceOf(SessionTooLargeException.class)
                .satisfies(e -> assertThat(reportedSize((SessionTooLargeException) e)).isGreaterThan(8000));
        assertThat(lifecycle.exchange(s).headers()).isEmpty();
        assertThat(lifecycle.exchange(s).failure()).isInstanceOf(SessionTooLargeException.class);
    }


    private static int reportedSize(SessionTooLargeException e) {
        Matcher m = SIZE.matcher(e.getMessage());
        assertThat(m.find()).as(e.getMessage()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Random URL-safe text, barely compressible; blob(n + 1) extends blob(n). */
    private static String blob(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Random random = new Random(20240601L);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
