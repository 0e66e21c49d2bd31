package io.sessions4j.api;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Session keys as Jackson {@link SerializableString}s, whose quoted bytes the generator copies in one piece instead of
 * checking every character for escapes again on every write (what Jackson's own bean serializers do with property
 * names). The same few keys are written on every request; writing them character by character was the larger part
 * of encoding a session.
 *
 * <p>A fixed table of {@value #SLOTS} slots, one name per slot, first come first kept: it never grows and never
 * churns, whatever keys the data brings (a name that does not get a slot is written as a plain String, as before).
 * Only names of printable ASCII that JSON and {@link io.sessions4j.api.signing.DjangoJson}'s escapes leave alone
 * ({@code ' '..'~'} but {@code "} and {@code \}) are kept: their quoted bytes are the characters themselves, so the
 * output is byte-identical to writing the String. Safe for concurrent use: a slot holds an
 * immutable {@link Name} whose bytes are complete before it is published (final-field semantics).
 */
final class FieldNames {
    static final int SLOTS = 256;
    /** Longer names are rare and their copy saving does not pay a slot. */
    static final int MAX_LENGTH = 64;

    private final Name[] slots = new Name[SLOTS];

    /** {@code name} as a SerializableString with its bytes cached, or null when it has no slot: write the String. */
    SerializableString of(String name) {
        int i = name.hashCode() & (SLOTS - 1);
        Name kept = slots[i];
        if (kept != null && (kept.value == name || kept.value.equals(name))) {
            return kept.string;
        }
        if (kept == null && plain(name)) {
            Name created = new Name(name);
            slots[i] = created;
            return created.string;
        }
        return null;
    }

    private static boolean plain(String name) {
        if (name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static final class Name {
        final String value;
        final SerializedString string;

        Name(String value) {
            this.value = value;
            this.string = new SerializedString(value);
            string.asQuotedUTF8(); // computed now, so it is published with this object
        }
    }
}
