package io.sessions4j.testkit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A {@link DataSource} wrapper that counts the statements executed through it (every
 * {@code execute*} call) and the explicit transaction calls ({@code commit}, {@code rollback},
 * {@code setAutoCommit}): the round trips the engine makes, counted rather than timed.
 */
public final class CountingDataSource {
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong transactionCalls = new AtomicLong();
    private final List<String> executed = new ArrayList<>();
    private final DataSource dataSource;

    public CountingDataSource(DataSource target) {
        this.dataSource = proxy(DataSource.class, target, (method, args) -> {
            Object result = method.invoke(target, args);
            return method.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    /** The counting DataSource to hand to the engine. */
    public DataSource dataSource() {
        return dataSource;
    }

    public long statements() {
        return statements.get();
    }

    public long transactionCalls() {
        return transactionCalls.get();
    }

    /** The SQL of the statements executed since the last {@link #reset()}, in order. */
    public synchronized List<String> executed() {
        return List.copyOf(executed);
    }

    public synchronized void reset() {
        statements.set(0);
        transactionCalls.set(0);
        executed.clear();
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback") || name.equals("setAutoCommit")) {
                transactionCalls.incrementAndGet();
            }
            Object result = method.invoke(target, args);
            if (result instanceof PreparedStatement ps && name.equals("prepareStatement")) {
                return statement(PreparedStatement.class, ps, (String) args[0]);
            }
            if (result instanceof Statement s && name.equals("createStatement")) {
                return statement(Statement.class, s, null);
            }
            return result;
        });
    }

    private <T extends Statement> T statement(Class<T> type, T target, String preparedSql) {
        return proxy(type, target, (method, args) -> {
            if (method.getName().startsWith("execute")) {
                statements.incrementAndGet();
                synchronized (this) {
                    executed.add(preparedSql != null ? preparedSql : args != null && args.length > 0 ? String.valueOf(args[0]) : "?");
                }
            }
            return method.invoke(target, args);
        });
    }

    @FunctionalInterface
    private interface Call {
        Object invoke(Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Object target, Call call) {
        InvocationHandler handler = (p, method, args) -> {
            if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                return "Counting[" + target + "]";
            }
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
