package io.sessions4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code sessions --version}: the sessions4j version (filtered into version.properties by the build) and the JVM. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"sessions (sessions4j) " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    static String version() {
        Properties props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // Only --version needs it: report unknown rather than fail.
        }
        return props.getProperty("version", "unknown");
    }
}
