package io.sessions4j.api.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link DjangoJson} writes what Python's {@code json.dumps(obj, separators=(",", ":"))} writes. */
class DjangoJsonTest {
    private final ObjectMapper mapper = DjangoJson.mapper();

    /** Expected strings were printed by CPython 3.11's json.dumps. */
    @Test
    void escapesLikePythonEnsureAscii() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            all.append(c);
        }
        all.append("\u00e9\uD83D\uDE42\u2028\u7528");

        assertThat(mapper.writeValueAsString(all.toString())).isEqualTo("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\\u007f\\u00e9\\ud83d\\ude42\\u2028\\u7528\"");
        byte[] bytes = mapper.writeValueAsBytes(all.toString());
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\\u007f\\u00e9\\ud83d\\ude42\\u2028\\u7528\"");
    }

    @Test
    void compactAndOrderedLikePython() throws Exception {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("n", null);
        obj.put("t", true);
        obj.put("f", false);
        obj.put("i", -12);
        obj.put("big", 123456789012345678L);
        obj.put("d", List.of(94.97, 0.5, 0.1, 0.1 + 0.2, -0.0, 1e-3, 1234567.25));
        obj.put("k\u00e9y", List.of("a/b"));
        String expected = "{\"n\":null,\"t\":true,\"f\":false,\"i\":-12,\"big\":123456789012345678,\"d\":[94.97,0.5,0.1,0.30000000000000004,-0.0,0.001,1234567.25],\"k\\u00e9y\":[\"a/b\"]}";

        assertThat(mapper.writeValueAsString(obj)).isEqualTo(expected);
        JsonNode tree = mapper.readTree(expected);
        assertThat(new String(mapper.writeValueAsBytes(tree), StandardCharsets.US_ASCII)).isEqualTo(expected);
    }

    @Test
    void newMapperEachCall() {
        assertThat(DjangoJson.mapper()).isNotSameAs(DjangoJson.mapper());
    }
}
