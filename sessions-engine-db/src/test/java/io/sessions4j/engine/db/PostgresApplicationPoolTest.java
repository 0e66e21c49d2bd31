package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * E7 over an application's DataSource on PostgreSQL: the engine bounds its waits by the connection's network timeout
 * while it uses the connection (pgJDBC's query timeout costs a cancel timer per statement, issue #20), and hands the
 * connection back with the network timeout it had.
 */
@DisplayName("db engine on PostgreSQL over an application DataSource: bounded waits by network timeout")
class PostgresApplicationPoolTest extends ApplicationPoolTimeoutTest {
    private Connection physical;

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }

    @AfterEach
    void closePhysical() throws SQLException {
        if (physical != null) {
            physical.close();
        }
    }

    /**
     * An engine over {@link #oneConnection}, on a table made beforehand by an engine of its own (Flyway's migration wants
     * two connections of its own).
     */
    private SessionEngine engineOverOneConnection(String urlParameter, String timeoutSeconds, List<String> calls)
            throws SQLException {
        TestDatabase.POSTGRES.assumeUp();
        Map<String, String> own = new java.util.HashMap<>(Map.of("sessions.secret.key", "app-pool-secret-0123456789",
                "sessions.db.table", table, "sessions.db.url", TestDatabase.POSTGRES.url()));
        DbEngine.create(SessionSettings.of(own), clock).close();
        return DbEngine.create(settings(timeoutSeconds, "false"), oneConnection(urlParameter, calls), clock);
    }

    /**
     * A DataSource handing out one physical connection, whose close() is a no-op and whose calls are recorded: what
     * the engine leaves on a connection is what the application's next borrower gets (no pool resets it here).
     */
    private DataSource oneConnection(String urlParameter, List<String> calls) throws SQLException {
        physical = DriverManager.getConnection(urlParameter == null ? TestDatabase.POSTGRES.url()
                : TestDatabase.POSTGRES.urlWith(urlParameter));
        Connection shared = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    if (method.getName().equals("prepareStatement")) {
                        calls.add("prepareStatement at network timeout " + physical.getNetworkTimeout());
                    } else if (method.getName().equals("setNetworkTimeout")) {
                        calls.add("setNetworkTimeout " + args[1]);
                    }
                    try {
                        Object result = method.invoke(physical, args);
                        return result instanceof java.sql.PreparedStatement ps ? recordingQueryTimeout(ps, calls) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (p, method, args) -> switch (method.getName()) {
                    case "getConnection" -> shared;
                    case "toString" -> "one connection";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private java.sql.PreparedStatement recordingQueryTimeout(java.sql.PreparedStatement ps, List<String> calls) {
        return (java.sql.PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {java.sql.PreparedStatement.class}, (p, method, args) -> {
                    if (method.getName().equals("setQueryTimeout")) {
                        calls.add("setQueryTimeout " + args[0]);
                    }
                    try {
                        return method.invoke(ps, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    @DisplayName("E7 a connection without a network timeout: statements run with sessions.db.timeout as network timeout and no query timeout, and the connection goes back with none")
    void connectionWithoutTimeoutIsBoundWhileUsedAndRestored() throws SQLException {
        List<String> calls = new CopyOnWriteArrayList<>();
        engine = engineOverOneConnection(null, "3", calls);
        String key = savedSession(engine);
        calls.clear();

        assertThat(engine.open(key).get("user_id")).isEqualTo(42);

        assertThat(calls).containsExactly("setNetworkTimeout 3000", "prepareStatement at network timeout 3000",
                "setNetworkTimeout 0");
        assertThat(physical.getNetworkTimeout()).as("the application's connection as it was").isZero();
    }

    @Test
    @DisplayName("E7 a connection with a longer network timeout gets the engine's bound while the engine uses it and its own back")
    void longerTimeoutIsLoweredAndRestored() throws SQLException {
        List<String> calls = new CopyOnWriteArrayList<>();
        engine = engineOverOneConnection("socketTimeout=60", "2", calls);
        String key = savedSession(engine);
        calls.clear();

        SessionStore s = engine.open(key);
        s.put("cart", "full");
        s.save();

        // The SELECT of the first get (put loads), then the UPDATE: each on a borrowed connection of its own.
        assertThat(calls).containsExactly("setNetworkTimeout 2000", "prepareStatement at network timeout 2000",
                "setNetworkTimeout 60000", "setNetworkTimeout 2000", "prepareStatement at network timeout 2000",
                "setNetworkTimeout 60000");
        assertThat(physical.getNetworkTimeout()).isEqualTo(60_000);
    }

    @Test
    @DisplayName("E7 a connection whose own network timeout is already as short is left alone")
    void shorterTimeoutIsLeftAlone() throws SQLException {
        List<String> calls = new CopyOnWriteArrayList<>();
        engine = engineOverOneConnection("socketTimeout=1", "5", calls);
        String key = savedSession(engine);
        calls.clear();

        assertThat(engine.open(key).get("user_id")).isEqualTo(42);

        assertThat(calls).containsExactly("prepareStatement at network timeout 1000");
        assertThat(physical.getNetworkTimeout()).isEqualTo(1000);
    }
}
