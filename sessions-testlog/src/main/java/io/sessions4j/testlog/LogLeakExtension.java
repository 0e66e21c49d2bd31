package io.sessions4j.testlog;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which a session key, a signed value, an encrypted cookie or a secret was
 * logged, at any level (CONFORMANCE S1), and a test class whose {@code @BeforeAll}/{@code @AfterAll}
 * did. Registered for every test of every module by JUnit's extension auto-detection (the parent
 * POM turns it on), so a new log line is checked by the tests that already run through it.
 *
 * <p>Secrets are found in the test class: every {@code static final String} field of it (and of its
 * superclasses and outer classes) whose name contains {@code SECRET}, {@code PASSWORD} or
 * {@code PASSPHRASE} is {@linkplain LogCapture#sensitive registered}. Keys and signed values are
 * recognised by their shape, whoever made them.
 */
public final class LogLeakExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        registerSecretsOf(context);
        failOnLeaks("the run before this class (a background thread of an earlier one)");
    }

    private static void registerSecretsOf(ExtensionContext context) {
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                registerSecrets(c);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnLeaks("this test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnLeaks("this test class's set-up or tear-down");
    }

    private static void failOnLeaks(String where) {
        List<String> leaks = LogCapture.takeLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Logged during " + where + " (CONFORMANCE S1: no session key, secret, password "
                    + "or cookie value in any log line at any level):\n  " + String.join("\n  ", leaks));
        }
    }

    private static void registerSecrets(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            String name = field.getName().toUpperCase(Locale.ROOT);
            boolean secretName = name.contains("SECRET") || name.contains("PASSWORD") || name.contains("PASSPHRASE");
            int mods = field.getModifiers();
            if (secretName && field.getType() == String.class && Modifier.isStatic(mods) && Modifier.isFinal(mods)) {
                try {
                    field.setAccessible(true);
                    LogCapture.sensitive((String) field.get(null));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // a field we cannot read holds nothing we could check for
                }
            }
        }
    }
}
