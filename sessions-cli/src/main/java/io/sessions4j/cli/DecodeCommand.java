package io.sessions4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SignedValueFormat;
import io.sessions4j.api.SignedValueFormats;
import io.sessions4j.api.signing.SignedPayload;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sessions decode}: verifies a signed value and prints its JSON, signing time and which salt and secret matched. */
@Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Verify a signed session value and print its JSON.",
        description = {"Verify a signed value with the configured secret (and fallbacks) and print its JSON "
                + "(pretty), when it was signed (ISO-8601, UTC) and when it expires. The value may be stored session "
                + "data (session_data of the db, cached_db, cache and file engines, salt "
                + SignedPayload.SESSION_STORE_SALT + ") or a signed_cookies session cookie (salt "
                + SignedPayload.SIGNED_COOKIES_SALT + ", or an encrypted one); both are tried and the one that "
                + "matched is shown, as is a match by a fallback secret.",
                "",
                "A bad signature prints nothing of the content and exits 1. A signed cookie past its expiry is "
                        + "printed, then reported as expired, exit 1: the signed_cookies engine would reject it. "
                        + "Stored session data expires by its storage (db expire_date, file time, cache TTL), so "
                        + "its expiry is shown for information only."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE,
                "1:Bad signature (tampered, truncated or another secret), unreadable content, an expired signed "
                        + "cookie.",
                ExitCodes.USAGE_LINE})
final class DecodeCommand extends SettingsCommand {
    private static final ObjectWriter PRETTY = JsonMapper.builder()
            .disable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS) // NaN as Python prints it
            .build()
            .writer(new DefaultPrettyPrinter().withSeparators(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    @Parameters(index = "0", paramLabel = "VALUE",
            description = "The signed value (a session cookie or a session_data string), or - to read it from "
                    + "standard input.")
    String value;

    @Option(names = "--json", description = "Print only the JSON, for scripts. Failures are still reported on "
            + "stderr and in the exit code.")
    boolean jsonOnly;

    @Override
    public Integer call() throws JsonProcessingException {
        String signed = StandardInput.readIfDash(value, "VALUE").strip();
        SessionSettings settings = options.load();
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        SignedValueFormat.Verified verified = verify(signed, settings, clock, now);
        boolean expired = verified.expiredAt(now);

        PrintWriter out = out();
        if (!jsonOnly) {
            out.println("Valid:     " + verified.format().description());
            out.println("Secret:    " + secretName(verified.secretIndex())
                    + (verified.secretIndex() > 0 ? " (an old secret: the next save re-signs with sessions.secret.key)"
                    : ""));
            out.println("Signed at: " + verified.signedAt());
            out.println("Expires:   " + verified.expiry() + (expired ? " (expired)" : ""));
        }
        out.println(PRETTY.writeValueAsString(verified.data()));
        out.flush();
        if (expired && verified.format().rejectedWhenExpired()) {
            throw new CommandFailure(ExitCodes.FAILURE, "Signature expired: this " + verified.format().name()
                    + " expired at " + verified.expiry() + " (signed at " + verified.signedAt() + ", sessions.cookie.age="
                    + settings.get(CoreSettings.COOKIE_AGE) + " s unless the session sets its own expiry); "
                    + "the engine that reads it rejects it.");
        }
        return ExitCodes.OK;
    }

    /**
     * The value verified by the first format (stored data, then each engine's) and secret that accepts it.
     *
     * @throws CommandFailure (exit 1) when none does, or one does but the content cannot be read
     */
    private static SignedValueFormat.Verified verify(String signed, SessionSettings settings, Clock clock,
                                                     Instant now) {
        List<SignedValueFormat> formats = SignedValueFormats.available(SessionContext.create(settings, clock));
        for (SignedValueFormat format : formats) {
            try {
                Optional<SignedValueFormat.Verified> verified = format.verify(signed, now);
                if (verified.isPresent()) {
                    return verified.get();
                }
            } catch (SignedValueFormat.UnreadableValueException e) {
                throw new CommandFailure(ExitCodes.FAILURE, "The signature is valid (" + format.description() + ", "
                        + secretName(e.secretIndex()) + ") but the content cannot be read: " + e.getMessage(), e);
            }
        }
        int fallbacks = settings.get(CoreSettings.SECRET_KEY_FALLBACKS).size();
        throw new CommandFailure(ExitCodes.FAILURE, "Bad signature: with sessions.secret.key"
                + (fallbacks == 0 ? " (no fallback secrets configured)"
                : " or any of its " + fallbacks + " fallback secret" + (fallbacks == 1 ? "" : "s"))
                + ", the value verifies as none of: "
                + formats.stream().map(SignedValueFormat::description).collect(Collectors.joining("; "))
                + ". It was altered, truncated, or signed with another secret.");
    }

    /** Label of a secret in messages; never the secret itself. */
    private static String secretName(int index) {
        return index == 0 ? "sessions.secret.key" : "fallback #" + index + " of sessions.secret.key.fallbacks";
    }
}
