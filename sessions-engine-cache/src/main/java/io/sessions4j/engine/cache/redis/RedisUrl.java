package io.sessions4j.engine.cache.redis;

import io.sessions4j.api.SessionConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed {@code sessions.cache.url}, in the forms Redis users already write (Lettuce's URI
 * syntax; the single-node form is the IANA {@code redis} scheme that redis-cli and Jedis accept):
 *
 * <ul>
 *   <li>{@code redis://[[user:]password@]host[:6379][/db]} — one server;
 *       {@code rediss://…} the same over TLS;</li>
 *   <li>{@code redis-sentinel://[[user:]password@]host1[:26379][,host2[:26379]…][/db]#mymaster} —
 *       Sentinel; the master name may also be given as {@code ?sentinelMasterId=mymaster};
 *       {@code rediss-sentinel://} for TLS;</li>
 *   <li>{@code redis-cluster://[[user:]password@]host1:7000[,host2:7001…]} — Cluster seed nodes
 *       (database 0 only); {@code rediss-cluster://} for TLS.</li>
 * </ul>
 * A user info without a colon is a password (as in Lettuce). IPv6 hosts go in brackets.
 *
 * @param topology  single server, Sentinel or Cluster
 * @param tls       whether to connect with TLS
 * @param user      ACL user name, or null
 * @param password  password, or null
 * @param nodes     the server, the sentinels, or the Cluster seed nodes
 * @param database  database number (0 on a Cluster)
 * @param master    the Sentinel master name, or null
 */
public record RedisUrl(Topology topology, boolean tls, String user, String password, List<Node> nodes,
                       int database, String master) {

    /** The deployment shape a URL names; each maps to one Jedis entry class. */
    public enum Topology {
        STANDALONE, SENTINEL, CLUSTER
    }

    /** One {@code host:port}. */
    public record Node(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** The setting key, named in every error. */
    public static final String KEY = "sessions.cache.url";

    private static final String FORMS = "redis://[[user:]password@]host[:port][/db], rediss://… (TLS), "
            + "redis-sentinel://[[user:]password@]host1[:26379][,host2[:26379]…][/db]#masterName, "
            + "or redis-cluster://[[user:]password@]host1:port1[,host2:port2…]";

    public RedisUrl {
        Objects.requireNonNull(topology, "topology");
        nodes = List.copyOf(nodes);
    }

    /**
     * Parses a URL.
     *
     * @throws SessionConfigurationException naming {@code sessions.cache.url}, the value (password
     *                                       masked) and the accepted forms
     */
    public static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new SessionConfigurationException(KEY + " is required when sessions.cache.backend=redis; expected "
                    + FORMS);
        }
        try {
            return doParse(url.trim());
        } catch (IllegalArgumentException e) {
            throw new SessionConfigurationException("Invalid value '" + masked(url) + "' for " + KEY + ": "
                    + e.getMessage() + ". Expected " + FORMS);
        }
    }

    private static RedisUrl doParse(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("no scheme");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        Topology topology;
        boolean tls;
        switch (scheme) {
            case "redis" -> { topology = Topology.STANDALONE; tls = false; }
            case "rediss" -> { topology = Topology.STANDALONE; tls = true; }
            case "redis-sentinel" -> { topology = Topology.SENTINEL; tls = false; }
            case "rediss-sentinel" -> { topology = Topology.SENTINEL; tls = true; }
            case "redis-cluster" -> { topology = Topology.CLUSTER; tls = false; }
            case "rediss-cluster" -> { topology = Topology.CLUSTER; tls = true; }
            default -> throw new IllegalArgumentException("unknown scheme '" + scheme + "'");
        }
        String rest = url.substring(schemeEnd + 3);

        // The user info first, up to the last '@': a password may hold '#', '?' or '/', and no
        // message below may quote any part of it.
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            try {
                if (colon < 0) {
                    password = decode(userInfo);
                } else {
                    user = emptyToNull(decode(userInfo.substring(0, colon)));
                    password = decode(userInfo.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad percent-encoding in the user name or password");
            }
            password = emptyToNull(password);
        }

        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = decode(rest.substring(hash + 1));
            rest = rest.substring(0, hash);
        }
        String master = fragment;
        int question = rest.indexOf('?');
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name.equals("sentinelMasterId") && topology == Topology.SENTINEL) {
                    master = value;
                } else {
                    throw new IllegalArgumentException("unsupported parameter '" + name + "'");
                }
            }
            rest = rest.substring(0, question);
        }

        int database = 0;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String db = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            if (!db.isEmpty()) {
                if (!db.matches("\\d{1,5}")) {
                    throw new IllegalArgumentException("database '" + db + "' is not a number");
                }
                database = Integer.parseInt(db);
            }
        }

        int defaultPort = topology == Topology.SENTINEL ? 26379 : 6379;
        List<Node> nodes = new ArrayList<>();
        for (String hostPort : rest.split(",", -1)) {
            nodes.add(node(hostPort.trim(), defaultPort));
        }
        switch (topology) {
            case STANDALONE -> {
                if (nodes.size() != 1) {
                    throw new IllegalArgumentException("a redis:// URL names one host; use redis-sentinel:// or "
                            + "redis-cluster:// for several");
                }
                if (fragment != null) {
                    throw new IllegalArgumentException("a redis:// URL has no #fragment");
                }
            }
            case SENTINEL -> {
                if (master == null || master.isBlank()) {
                    throw new IllegalArgumentException("the Sentinel master name is missing (add #masterName)");
                }
            }
            case CLUSTER -> {
                if (database != 0) {
                    throw new IllegalArgumentException("Redis Cluster has database 0 only");
                }
                if (fragment != null) {
                    throw new IllegalArgumentException("a redis-cluster:// URL has no #fragment");
                }
            }
        }
        return new RedisUrl(topology, tls, user, password, nodes, database, master);
    }

    private static Node node(String hostPort, int defaultPort) {
        if (hostPort.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in host '" + hostPort + "'");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("bad host '" + hostPort + "'");
                }
                port = after.substring(1);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
            } else {
                host = hostPort;
            }
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            throw new IllegalArgumentException("bad host '" + hostPort + "'");
        }
        int portNumber = defaultPort;
        if (port != null) {
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("bad port in '" + hostPort + "'");
            }
            portNumber = Integer.parseInt(port);
        }
        return new Node(host, portNumber);
    }

    /** The URL without credentials: safe for logs and error messages. */
    public String describe() {
        String scheme = (tls ? "rediss" : "redis") + switch (topology) {
            case STANDALONE -> "";
            case SENTINEL -> "-sentinel";
            case CLUSTER -> "-cluster";
        };
        String hosts = nodes.stream().map(Node::toString).collect(Collectors.joining(","));
        return scheme + "://" + hosts + (topology == Topology.CLUSTER ? "" : "/" + database)
                + (master == null ? "" : "#" + master);
    }

    /** Does not print the password. */
    @Override
    public String toString() {
        return describe();
    }

    /** {@code url} with the password replaced by {@code ****}, for error messages. */
    static String masked(String url) {
        int schemeEnd = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (schemeEnd < 0 || at < schemeEnd) {
            return url;
        }
        String userInfo = url.substring(schemeEnd + 3, at);
        int colon = userInfo.indexOf(':');
        String shown = colon < 0 ? "****" : userInfo.substring(0, colon) + ":****";
        return url.substring(0, schemeEnd + 3) + shown + url.substring(at);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
