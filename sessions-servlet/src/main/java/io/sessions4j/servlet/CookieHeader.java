package io.sessions4j.servlet;

import java.util.ArrayList;
import java.util.Enumeration;
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
final class CookieHeader {
    private CookieHeader() {
    }

    /** Every value of the cookie {@code name}, in the order the client sent them. */
    static List<String> values(Enumeration<String> headers, String name) {
        List<String> values = new ArrayList<>(1);
        if (headers == null) {
            return values;
        }
        while (headers.hasMoreElements()) {
            String header = headers.nextElement();
            if (header != null) {
                collect(header, name, values);
            }
        }
        return values;
    }

    private static void collect(String header, String name, List<String> out) {
        int start = 0;
        int length = header.length();
        while (start < length) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int equals = header.indexOf('=', start);
            if (equals >= 0 && equals < end && header.substring(start, equals).trim().equals(name)) {
                out.add(unquote(header.substring(equals + 1, end).trim()));
            }
            start = end + 1;
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
