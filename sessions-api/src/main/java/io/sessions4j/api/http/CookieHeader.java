package io.sessions4j.api.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads cookie values from the raw {@code Cookie} request headers, as RFC 6265 section 5.4 sends
 * them: pairs separated by {@code ;}, optional whitespace, {@code name=value}, a value optionally in
 * double quotes.
 *
 * <p>Containers' parsed cookies ({@code request.getCookies()}) may drop or reorder cookies that
 * share a name, and each container has its own strictness rules; the session needs every value of
 * its cookie in the order the client sent them (the first one naming a live session wins).
 */
public final class CookieHeader {
    private CookieHeader() {
    }

    /**
     * The values of the cookie {@code name}, in the order the client sent them, at most {@code limit} of
     * them (a client can send thousands; each costs a storage lookup). Not to be changed by the caller.
     *
     * @param headers the raw {@code Cookie} header lines (null or empty: none)
     */
    public static List<String> values(List<String> headers, String name, int limit) {
        List<String> values = List.of();
        if (headers == null) {
            return values;
        }
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            if (header != null) {
                values = collect(header, name, values, limit);
            }
        }
        return values;
    }

    private static List<String> collect(String header, String name, List<String> out, int limit) {
        int start = 0;
        int length = header.length();
        while (start < length && out.size() < limit) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int equals = indexOf(header, '=', start, end);
            if (equals >= 0 && isName(header, start, equals, name)) {
                out = add(out, unquote(header.substring(equals + 1, end).trim()));
            }
            start = end + 1;
        }
        return out;
    }

    /** {@code values} plus {@code value}: no list is grown for the one cookie a request usually carries. */
    private static List<String> add(List<String> values, String value) {
        if (values.isEmpty()) {
            return Collections.singletonList(value);
        }
        List<String> more = values.size() == 1 ? new ArrayList<>(values) : values;
        more.add(value);
        return more;
    }

    /**
     * {@code s.indexOf(c, from)} that stops at {@code to}: a header of many pairs without '=' would otherwise be
     * scanned to its end once per pair (quadratic in the header's length).
     */
    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** {@code header.substring(from, to).trim().equals(name)} without the two copies, for every pair of the header. */
    private static boolean isName(String header, int from, int to, String name) {
        while (from < to && header.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && header.charAt(to - 1) <= ' ') {
            to--;
        }
        return to - from == name.length() && header.regionMatches(from, name, 0, name.length());
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
