package io.sessions4j.engine.db.internal;

import java.util.regex.Pattern;

/** JDBC URLs as they may appear in messages and logs: passwords masked. */
public final class JdbcUrls {
    // password=... in a query string (PostgreSQL) or ;PASSWORD=... in H2's settings; the value runs to the
    // next separator.
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:password|pwd)\\s*=)[^&;]*");
    // user:password@host in the authority, accepted by some drivers.
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?;]*:)[^@/?;]*@");

    private JdbcUrls() {
    }

    /** The URL with every password replaced by {@code ****}; null stays null. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1****");
        return USER_INFO.matcher(masked).replaceAll("$1****@");
    }
}
