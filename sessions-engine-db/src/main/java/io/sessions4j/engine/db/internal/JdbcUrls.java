package io.sessions4j.engine.db.internal;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** JDBC URLs as they may appear in messages and logs (passwords masked), and as drivers take them. */
public final class JdbcUrls {
    // password=... in a query string (PostgreSQL) or ;PASSWORD=... in H2's settings; the value runs to the
    // next separator.
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:password|pwd)\\s*=)[^&;]*");
    // user:password@host in the authority, accepted by some drivers.
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?;]*:)[^@/?;]*@");
    private static final String MYSQL_SCHEME = "jdbc:mysql:";

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

    /**
     * The URL to hand to the driver. A {@code jdbc:mysql:} URL goes to MySQL Connector/J when the application
     * brings it; otherwise MariaDB Connector/J (shipped with the engine) takes it, which it does only when the
     * URL says {@code permitMysqlScheme}.
     */
    public static String forDriver(String url) {
        if (url == null || !url.regionMatches(true, 0, MYSQL_SCHEME, 0, MYSQL_SCHEME.length()) || anyDriverAccepts(url)) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }

    private static boolean anyDriverAccepts(String url) {
        try {
            DriverManager.getDriver(url);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
