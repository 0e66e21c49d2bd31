package io.sessions4j.cli;

import io.sessions4j.api.signing.SignedPayload;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The two kinds of signed value {@code sessions encode} makes, told apart by Django's salts. */
enum Salt {
    SESSION(SignedPayload.SESSION_STORE_SALT),
    COOKIE(SignedPayload.SIGNED_COOKIES_SALT);

    private final String value;

    Salt(String value) {
        this.value = value;
    }

    /** The salt itself. */
    String value() {
        return value;
    }

    /** The name on the command line: {@code session} or {@code cookie}. */
    String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code --salt session|cookie}. */
    static final class Converter implements ITypeConverter<Salt> {
        @Override
        public Salt convert(String text) {
            for (Salt salt : values()) {
                if (salt.optionName().equalsIgnoreCase(text.trim())) {
                    return salt;
                }
            }
            throw new TypeConversionException("expected session or cookie, got '" + text + "'");
        }
    }
}
