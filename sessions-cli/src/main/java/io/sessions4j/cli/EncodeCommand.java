package io.sessions4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.signing.SignedPayload;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sessions encode}: signs a JSON object as session data or as a signed-cookie value. */
@Command(name = "encode", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Sign a JSON object as session data or a signed cookie.",
        description = {"Print the signed value of a JSON object, as Django's signing.dumps(..., compress=True) "
                + "makes it with the current sessions.secret.key: stored session data (session_data of the db, "
                + "cached_db, cache and file engines) or a signed_cookies session cookie. For tests and debugging.",
                "",
                "Example: sessions encode '{\"user_id\": 42}' --salt cookie"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:Standard input (-) could not be read.",
                "2:Usage or configuration error, including JSON that does not parse or is not an object."})
final class EncodeCommand extends SettingsCommand {
    // Decimals stay exact and NaN/Infinity are tokens, as the session JSON keeps them (JsonSessionSerializer).
    private static final ObjectMapper STRICT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    @Parameters(index = "0", paramLabel = "JSON",
            description = "The session data: a JSON object, or - to read it from standard input.")
    String json;

    @Option(names = "--salt", paramLabel = "session|cookie", defaultValue = "session", converter = Salt.Converter.class,
            description = "session: stored session data (salt " + SignedPayload.SESSION_STORE_SALT + "); cookie: a "
                    + "signed_cookies session cookie (salt " + SignedPayload.SIGNED_COOKIES_SALT + "). Default: ${DEFAULT-VALUE}.")
    Salt salt;

    @Override
    public Integer call() {
        Map<String, Object> data = parse(StandardInput.readIfDash(json, "JSON"));
        SessionSettings settings = options.load();
        Clock clock = Clock.systemUTC();
        SessionContext context = SessionContext.create(settings, clock);
        byte[] serialized = context.serializer().serialize(data);
        String value = SessionContext.signedPayload(settings, salt.value()).dumps(serialized, true, clock.instant());
        out().println(value);
        return ExitCodes.OK;
    }

    private static Map<String, Object> parse(String text) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CommandFailure(ExitCodes.USAGE, "Invalid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new CommandFailure(ExitCodes.USAGE, "Invalid JSON: no content; session data is a JSON object such as "
                    + "{\"user_id\": 42}");
        }
        if (!tree.isObject()) {
            throw new CommandFailure(ExitCodes.USAGE, "Session data must be a JSON object, not " + kind(tree)
                    + "; e.g. {\"user_id\": 42}");
        }
        return STRICT.convertValue(tree, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
        });
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
