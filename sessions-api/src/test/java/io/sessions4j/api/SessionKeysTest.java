package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionKeysTest {

    @Test
    @DisplayName("B5 100,000 generated keys are 32 chars of [a-z0-9] and all distinct")
    void b5_generatedKeysAreDistinct() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String key = SessionKeys.generate();
            assertThat(key).hasSize(32);
            assertThat(SessionKeys.isValid(key)).isTrue();
            keys.add(key);
        }
        assertThat(keys).hasSize(100_000);
    }

    @Test
    @DisplayName("B5 every alphabet character is used (no bias toward a subset)")
    void b5_alphabetCoverage() {
        int[] counts = new int[128];
        for (int i = 0; i < 2_000; i++) {
            for (char c : SessionKeys.generate().toCharArray()) {
                counts[c]++;
            }
        }
        for (char c : SessionKeys.ALPHABET.toCharArray()) {
            assertThat(counts[c]).as("char %s", c).isGreaterThan(1000);
        }
    }

    @Test
    @DisplayName("B1/B2 key validation: 8 to 40 characters of [a-z0-9] only")
    void b1_b2_validation() {
        assertThat(SessionKeys.isValid("abcdefgh")).isTrue();
        assertThat(SessionKeys.isValid("a".repeat(40))).isTrue();
        for (String bad : new String[] {null, "", "abcdefg", "a".repeat(41), "ABCDEFGH", "abcd/efgh", "abcd\\efgh",
                "..%2fabcdef", "abcdefg\u0000", "abcdéfgh", "abcd efgh", "../../etc/passwd"}) {
            assertThat(SessionKeys.isValid(bad)).as("%s", bad).isFalse();
        }
    }

    @Test
    @DisplayName("B1/B2 key validation accepts exactly the alphabet's characters, checked for every char value, at every position")
    void b1_b2_everyCharacter() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            boolean expected = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            String ch = String.valueOf((char) c);
            assertThat(SessionKeys.isValid("abcdefg" + ch)).as("last char %d", c).isEqualTo(expected);
            assertThat(SessionKeys.isValid(ch + "abcdefg")).as("first char %d", c).isEqualTo(expected);
        }
    }
}
