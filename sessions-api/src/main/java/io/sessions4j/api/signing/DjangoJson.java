package io.sessions4j.api.signing;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson configured to write JSON the way Django's session serializer does:
 * {@code json.dumps(obj, separators=(",", ":")).encode("latin-1")}.
 *
 * <p>This matters for interoperability, not only for byte-identical output: Django <em>decodes</em>
 * session JSON as Latin-1, so raw UTF-8 multi-byte characters written by a default Jackson mapper would
 * come back in Django as mojibake. Python's {@code ensure_ascii} output is pure ASCII, so this mapper
 * writes compact JSON with every character outside {@code ' '..'~'} escaped as a lowercase
 * {@code \\uXXXX} (astral characters as a surrogate pair), except the short escapes {@code \b \t \n \f \r}
 * both sides use.
 *
 * <p>{@code NaN}, {@code Infinity} and {@code -Infinity} are written and read as bare tokens, as Python's
 * {@code json} module does by default ({@code allow_nan=True}), not as strings.
 *
 * <p>Known difference: floating-point numbers use Java's format, so values Python writes as
 * {@code 1e+16}, {@code 10000000.0} or {@code 0.0001} come out as {@code 1.0E16}, {@code 1.0E7},
 * {@code 1.0E-4}. Both parse to the same double, so only byte-identity with Django is lost, never data.
 * Ordinary values such as {@code 94.97} or {@code 0.5} are written identically (shortest repr).
 */
public final class DjangoJson {
    private DjangoJson() {
    }

    /**
     * Returns a new mapper on every call (an {@link ObjectMapper} is mutable, so a shared one could be
     * reconfigured by anybody); create it once and keep it.
     */
    public static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // Shortest round-tripping digits, like Python's float repr. JDK 17's Double.toString
                // occasionally prints a longer form (JDK-4511638, fixed in JDK 19).
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
        mapper.getFactory().setCharacterEscapes(PythonAsciiEscapes.INSTANCE);
        return mapper;
    }

    /** Jackson's standard escapes plus DEL (0x7F), which Python's ensure_ascii escapes and Jackson does not. */
    private static final class PythonAsciiEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        static final PythonAsciiEscapes INSTANCE = new PythonAsciiEscapes();

        private final int[] ascii;

        private PythonAsciiEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // non-ASCII is handled by ESCAPE_NON_ASCII
        }
    }
}
