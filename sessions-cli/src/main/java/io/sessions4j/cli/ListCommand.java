package io.sessions4j.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.users.UserSession;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sessions list --user U}: a user's live sessions, by handle (never by key). */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "List the live sessions of a user.",
        description = {"Print the live sessions whose sessions.principal.key (default _auth_user_id) is the given "
                + "user: handle, created, last saved, expiry and stored size. A handle is a digest of the session key, "
                + "never the key itself; 'sessions revoke --handle' takes it.",
                "",
                "The db, cached_db, cache (Redis; Ehcache only within one process) and file engines keep an index "
                        + "by user; signed_cookies cannot."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, UserSessionsCommand.NO_INDEX_LINE, ExitCodes.USAGE_LINE})
final class ListCommand extends EngineCommand {

    @Mixin
    UserOption principal;

    @Option(names = "--json", description = "Print a JSON array, one object per session, for scripts.")
    boolean json;

    @Override
    int run(SessionEngine engine) {
        PrintWriter out = out();
        List<UserSession> sessions = UserSessionsCommand.of(engine).list(principal.user);
        if (json) {
            JsonMapper mapper = JsonMapper.builder().build();
            ArrayNode array = mapper.createArrayNode();
            for (UserSession s : sessions) {
                ObjectNode o = array.addObject();
                o.put("handle", s.handle());
                o.put("principal", s.principal());
                o.put("created", text(s.created()));
                o.put("lastSaved", text(s.lastSaved()));
                o.put("expiry", text(s.expiry()));
                o.put("sizeBytes", s.sizeBytes());
            }
            out.println(array.toString());
            return ExitCodes.OK;
        }
        out.println(sessions.size() + " live session(s) of " + principal.user + " in the " + engine.name() + " engine");
        for (UserSession s : sessions) {
            out.println(s.handle() + "  created " + orUnknown(s.created()) + "  last saved " + orUnknown(s.lastSaved())
                    + "  expires " + orUnknown(s.expiry()) + "  " + s.sizeBytes() + " bytes");
        }
        return ExitCodes.OK;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String orUnknown(Instant instant) {
        return instant == null ? "unknown" : instant.toString();
    }
}
