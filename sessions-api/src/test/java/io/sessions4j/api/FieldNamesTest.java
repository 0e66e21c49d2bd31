package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.api.signing.DjangoJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Keys written from {@link FieldNames}' cached bytes come out exactly as Jackson writes the String (Django reads the
 * bytes): every printable ASCII character, the ones that need escaping, DEL, non-ASCII, long names, and far more
 * names than the table has slots — on the first write (filling the table) and on later ones (from it).
 */
class FieldNamesTest {
    private final ObjectMapper django = DjangoJson.mapper();

    @Test
    void everyKeyIsWrittenAsTheMapperWritesIt() throws Exception {
        JsonSessionSerializer json = new JsonSessionSerializer();
        List<String> names = new ArrayList<>();
        for (char c = 0; c < 0x100; c++) {
            names.add(String.valueOf(c));
            names.add("key_" + c + "_end");
        }
        names.add("\u20ac");
        names.add("\ud83d\ude00 smile");
        names.add("x".repeat(FieldNames.MAX_LENGTH));
        names.add("y".repeat(FieldNames.MAX_LENGTH + 1));
        Random random = new Random(64);
        for (int i = 0; i < 4 * FieldNames.SLOTS; i++) {
            names.add("k" + random.nextInt(100_000));
        }
        for (int round = 0; round < 3; round++) {
            for (String name : names) {
                Map<String, Object> session = new LinkedHashMap<>();
                session.put(name, 1);
                session.put(new String(name), List.of(Map.of(name, "v"))); // an equal, not identical, key nested
                assertThat(new String(json.serialize(session), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("key %s", name)
                        .isEqualTo(new String(django.writeValueAsBytes(session), java.nio.charset.StandardCharsets.ISO_8859_1));
                Map<String, Object> decoded = json.deserialize(json.serialize(session));
                assertThat(json.serialize(decoded)).isEqualTo(django.writeValueAsBytes(session));
            }
        }
    }

    @Test
    void onlyPlainNamesAreKeptAndAKeptNameIsReturnedForEqualStrings() {
        FieldNames names = new FieldNames();
        assertThat(names.of("user_id")).isNotNull();
        assertThat(names.of(new String("user_id"))).isSameAs(names.of("user_id"));
        assertThat(names.of("user_id").getValue()).isEqualTo("user_id");
        assertThat(names.of("say \"hi\"")).isNull();
        assertThat(names.of("back\\slash")).isNull();
        assertThat(names.of("del\u007f")).isNull();
        assertThat(names.of("caf\u00e9")).isNull();
        assertThat(names.of("tab\t")).isNull();
        assertThat(names.of("z".repeat(FieldNames.MAX_LENGTH + 1))).isNull();
    }
}
