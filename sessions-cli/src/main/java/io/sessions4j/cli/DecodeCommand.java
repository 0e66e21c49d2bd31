package io.sessions4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.signing.SignedPayload;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
final class DecodeCommand implements Callable<Integer> {
    private static final ObjectWriter PRETTY = JsonMapper.builder()
            .disable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS) // NaN as Python prints it
            .build()
            .writer(new DefaultPrettyPrinter().withSeparators(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "VALUE",
            description = "The signed value (a session cookie or a session_data string), or - to read it from "
                    + "standard input.")
    String value;

    @Option(names = "--json", description = "Print only the JSON, for scripts. Failures are still reported on "
            + "stderr and in the exit code.")
    boolean jsonOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        String signed = StandardInput.readIfDash(value, "VALUE").strip();
        SessionSettings settings = options.load();
        Clock clock = Clock.systemUTC();
        SignedValueDecoder.Decoded decoded = new SignedValueDecoder(settings, clock).decode(signed);
        Instant now = clock.instant();
        boolean expired = decoded.expiredAt(now);

        PrintWriter out = spec.commandLine().getOut();
        if (!jsonOnly) {
            out.println("Valid:     " + decoded.salt().meaning() + (decoded.encrypted()
                    ? ", encrypted (AES-256-GCM, sessions.signed_cookies.encrypt)" : " (salt " + decoded.salt().value() + ")"));
            out.println("Secret:    " + SignedValueDecoder.secretName(decoded.secretIndex())
                    + (decoded.secretIndex() > 0 ? " (an old secret: the next save re-signs with sessions.secret.key)"
                    : ""));
            out.println("Signed at: " + decoded.signedAt());
            out.println("Expires:   " + decoded.expiry() + (expired ? " (expired)" : ""));
        }
        out.println(PRETTY.writeValueAsString(decoded.data()));
        out.flush();
        if (expired && decoded.salt() == Salt.COOKIE) {
            throw new CommandFailure(ExitCodes.FAILURE, "Signature expired: this signed cookie expired at "
                    + decoded.expiry() + " (signed at " + decoded.signedAt() + ", sessions.cookie.age="
                    + settings.get(CoreSettings.COOKIE_AGE) + " s unless the session sets its own expiry); "
                    + "the signed_cookies engine rejects it.");
        }
        return ExitCodes.OK;
    }
}
