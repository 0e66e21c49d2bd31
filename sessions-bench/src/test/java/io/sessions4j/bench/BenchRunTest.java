package io.sessions4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchRunTest {
    private static List<List<String>> names(List<List<String[]>> groups) {
        return groups.stream().map(g -> g.stream().map(s -> s[0] + "/" + s[1]).toList()).toList();
    }

    @Test
    void anEngineIsGroupedWithItsFloorAndItsSpringSessionCounterpart() {
        List<List<String[]>> groups = BenchRun.groups(Systems.all());
        assertThat(names(groups)).contains(
                List.of("sessions4j/db_postgresql", "floor/jdbc_postgresql", "spring/jdbc_postgresql"),
                List.of("sessions4j/cache_ehcache", "floor/ehcache"),
                List.of("sessions4j/signed_cookies", "floor/jackson_hmac"));
    }

    @Test
    void cachedDbIsPairedWithItsFloorOnlyAndTheCodecFloorsStandAlone() {
        List<List<String>> groups = names(BenchRun.groups(Systems.all()));
        assertThat(groups).contains(List.of("sessions4j/cached_db_redis_postgresql", "floor/jedis_jdbc_postgresql"),
                List.of("floor/jackson"), List.of("floor/hmac"));
        assertThat(groups.stream().flatMap(List::stream)).doesNotHaveDuplicates();
    }

    @Test
    void aReferenceWithoutItsEngineRunsOnItsOwn() {
        List<String[]> selected = Systems.all().stream().filter(s -> s[1].equals("jdbc_h2")).toList();
        assertThat(names(BenchRun.groups(selected))).containsExactly(List.of("floor/jdbc_h2"), List.of("spring/jdbc_h2"));
    }
}
