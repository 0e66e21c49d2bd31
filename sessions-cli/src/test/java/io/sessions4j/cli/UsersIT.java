package io.sessions4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.users.SessionHandles;
import io.sessions4j.cli.SessionsProcess.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessions list} and {@code sessions revoke}, run as a process on the db engine (H2 file). */
@DisplayName("sessions list / revoke (packaged command)")
class UsersIT {
    @TempDir
    Path dir;

    private Map<String, String> db() {
        return Map.of("sessions.db.url", "jdbc:h2:file:" + dir.resolve("db/sessions"));
    }

    private String config(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("sessions.secret.key", StoredSessions.SECRET);
        return SessionsProcess.properties(dir.resolve("app.properties"), all).toString();
    }

    /** Logs {@code user} in {@code count} times; returns the session keys. */
    private List<String> login(String user, int count) {
        List<String> keys = new ArrayList<>();
        try (SessionEngine engine = SessionEngines.load(StoredSessions.settings(db()))) {
            for (int i = 0; i < count; i++) {
                SessionStore s = engine.open(null);
                s.put("n", i);
                s.setPrincipal(user);
                s.save();
                keys.add(s.getSessionKey());
            }
        }
        return keys;
    }

    @Test
    @DisplayName("list shows a user's sessions by handle (text and --json), never the key; revoke --handle then --user end them")
    void listAndRevoke() throws Exception {
        List<String> keys = login("42", 2);
        login("7", 1);
        String config = config(db());

        Result list = SessionsProcess.in(dir).run("list", "--user", "42", "--config", config);
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).contains("2 live session(s) of 42 in the db engine")
                .contains(SessionHandles.of(keys.get(0))).contains(SessionHandles.of(keys.get(1)))
                .doesNotContain(keys.get(0)).doesNotContain(keys.get(1));

        Result json = SessionsProcess.in(dir).run("list", "--user", "42", "--json", "--config", config);
        JsonNode array = JsonMapper.builder().build().readTree(json.stdout());
        assertThat(array).hasSize(2);
        assertThat(array.get(0).get("principal").asText()).isEqualTo("42");
        assertThat(array.get(0).get("sizeBytes").asInt()).isPositive();
        assertThat(json.stdout()).doesNotContain(keys.get(0));

        Result one = SessionsProcess.in(dir).run("revoke", "--user", "42", "--handle", SessionHandles.of(keys.get(0)),
                "--config", config);
        assertThat(one.exitCode()).as(one.toString()).isZero();
        Result unknown = SessionsProcess.in(dir).run("revoke", "--user", "42", "--handle", "nosuchhandle", "--config", config);
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        Result all = SessionsProcess.in(dir).run("revoke", "--user", "42", "--config", config);
        assertThat(all.stdout()).as(all.toString()).contains("Revoked 1 session(s) of 42.");
        assertThat(StoredSessions.loadable(db(), keys)).isEmpty();
        Result other = SessionsProcess.in(dir).run("list", "--user", "7", "--config", config);
        assertThat(other.stdout()).contains("1 live session(s) of 7");
    }

    @Test
    @DisplayName("signed_cookies cannot list (exit 1, says why); a missing --user is a usage error (exit 2)")
    void exitCodes() {
        Result cookies = SessionsProcess.in(dir).run("list", "--user", "42", "--config",
                config(Map.of("sessions.engine", "signed_cookies")));
        assertThat(cookies.exitCode()).as(cookies.toString()).isEqualTo(1);
        assertThat(cookies.stderr()).contains("keeps no index of sessions by user");
        Result usage = SessionsProcess.in(dir).run("revoke", "--config", config(db()));
        assertThat(usage.exitCode()).as(usage.toString()).isEqualTo(2);
    }
}
