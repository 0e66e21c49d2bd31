package io.sessions4j.demo;

/**
 * HTML escaping. Every value a page prints goes through {@link #text}: session data is whatever a
 * client stored (the JSON playground accepts any value), so it is untrusted input.
 */
final class Html {
    private Html() {
    }

    /** Escapes text for an element body or a double- or single-quoted attribute value. */
    static String text(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
