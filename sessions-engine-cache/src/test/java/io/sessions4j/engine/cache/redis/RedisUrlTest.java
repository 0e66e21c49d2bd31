package io.sessions4j.engine.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.engine.cache.redis.RedisUrl.Node;
import io.sessions4j.engine.cache.redis.RedisUrl.Topology;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** G4: the URL forms of sessions.cache.url, and the start-up errors for bad ones. */
class RedisUrlTest {

    @Test
    @DisplayName("G4 redis://host:port/db with user and password")
    void g4_standalone() {
        RedisUrl url = RedisUrl.parse("redis://app:s%40cret@cache.example.com:6380/3");
        assertThat(url.topology()).isEqualTo(Topology.STANDALONE);
        assertThat(url.tls()).isFalse();
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.nodes()).containsExactly(new Node("cache.example.com", 6380));
        assertThat(url.database()).isEqualTo(3);
        assertThat(url.describe()).isEqualTo("redis://cache.example.com:6380/3");
    }

    @Test
    @DisplayName("G4 defaults: port 6379, database 0, no credentials; a user info without colon is a password")
    void g4_defaults() {
        RedisUrl url = RedisUrl.parse("redis://localhost");
        assertThat(url.nodes()).containsExactly(new Node("localhost", 6379));
        assertThat(url.database()).isZero();
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
        RedisUrl passwordOnly = RedisUrl.parse("redis://topsecret@localhost/");
        assertThat(passwordOnly.user()).isNull();
        assertThat(passwordOnly.password()).isEqualTo("topsecret");
        RedisUrl emptyUser = RedisUrl.parse("redis://:topsecret@localhost");
        assertThat(emptyUser.user()).isNull();
        assertThat(emptyUser.password()).isEqualTo("topsecret");
    }

    @Test
    @DisplayName("G4 rediss:// means TLS; IPv6 hosts in brackets")
    void g4_tlsAndIpv6() {
        RedisUrl url = RedisUrl.parse("rediss://[::1]:6390/1");
        assertThat(url.tls()).isTrue();
        assertThat(url.nodes()).containsExactly(new Node("::1", 6390));
        assertThat(url.describe()).isEqualTo("rediss://[::1]:6390/1");
    }

    @Test
    @DisplayName("G4 redis-sentinel://pw@h1:26379,h2/db#master (Lettuce's form); sentinelMasterId also works")
    void g4_sentinel() {
        RedisUrl url = RedisUrl.parse("redis-sentinel://pw@s1:26380,s2/2#mymaster");
        assertThat(url.topology()).isEqualTo(Topology.SENTINEL);
        assertThat(url.master()).isEqualTo("mymaster");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.nodes()).containsExactly(new Node("s1", 26380), new Node("s2", 26379));
        assertThat(url.database()).isEqualTo(2);
        assertThat(url.describe()).isEqualTo("redis-sentinel://s1:26380,s2:26379/2#mymaster");
        assertThat(RedisUrl.parse("redis-sentinel://s1?sentinelMasterId=other").master()).isEqualTo("other");
        assertThat(RedisUrl.parse("rediss-sentinel://s1#m").tls()).isTrue();
    }

    @Test
    @DisplayName("G4 redis-cluster://h1:7000,h2:7001 lists seed nodes")
    void g4_cluster() {
        RedisUrl url = RedisUrl.parse("redis-cluster://user:pw@n1:7000,n2:7001,n3");
        assertThat(url.topology()).isEqualTo(Topology.CLUSTER);
        assertThat(url.nodes()).containsExactly(new Node("n1", 7000), new Node("n2", 7001), new Node("n3", 6379));
        assertThat(url.user()).isEqualTo("user");
        assertThat(url.describe()).isEqualTo("redis-cluster://n1:7000,n2:7001,n3:6379");
        assertThat(RedisUrl.parse("rediss-cluster://n1:7000").tls()).isTrue();
    }

    @Test
    @DisplayName("G4 neither describe() nor toString() shows credentials")
    void g4_noCredentialsInDescriptions() {
        RedisUrl url = RedisUrl.parse("redis://app:hunter2@host:6379/0");
        assertThat(url.describe()).doesNotContain("hunter2").doesNotContain("app");
        assertThat(url.toString()).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "localhost:6379", "http://localhost", "redis://", "redis://h1,h2", "redis://host:0", "redis://host:70000",
            "redis://host:port", "redis://host/db", "redis://host#master", "redis-sentinel://s1:26379",
            "redis-sentinel://s1#", "redis-cluster://n1:7000/1", "redis-cluster://n1#x", "redis://host?timeout=5",
            "redis://[::1", "redis://ho st", "redis://h1,,h2"})
    @DisplayName("H1 a bad URL fails naming sessions.cache.url and the accepted forms")
    void h1_badUrls(String bad) {
        assertThatThrownBy(() -> RedisUrl.parse(bad))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cache.url")
                .hasMessageContaining("redis-sentinel://")
                .hasMessageContaining("redis-cluster://");
    }

    @Test
    @DisplayName("H1 a bad URL's password is masked in the error")
    void h1_passwordMaskedInErrors() {
        assertThatThrownBy(() -> RedisUrl.parse("redis://app:hunter2@h1,h2:6379"))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("redis://app:****@h1,h2:6379")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisUrl.parse(null)).hasMessageContaining("sessions.cache.url is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://:hunt#er2pw@h1,h2", "redis://app:hunt?er2pw@h1,h2", "redis://:hunt%zzer2pw@host",
            "redis-cluster://app:hunt#er2pw@n1:7000/1", "redis://:hunt/er2pw@host:99999"})
    @DisplayName("S1 a password holding '#', '?', '/' or a bad '%' never reaches the error message")
    void s1_passwordWithSpecialCharactersNeverShown(String bad) {
        assertThatThrownBy(() -> RedisUrl.parse(bad))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.cache.url")
                .hasMessageNotContaining("hunt").hasMessageNotContaining("er2pw");
    }

    @Test
    @DisplayName("G4 a password may hold '#' and '?' unencoded")
    void g4_passwordWithFragmentCharacters() {
        RedisUrl url = RedisUrl.parse("redis-sentinel://app:p#w?d@s1:26379#mymaster");
        assertThat(url.password()).isEqualTo("p#w?d");
        assertThat(url.master()).isEqualTo("mymaster");
    }

    @Test
    @DisplayName("G4 nodes keep their order")
    void g4_nodeOrder() {
        assertThat(RedisUrl.parse("redis-cluster://c:1,a:2,b:3").nodes()).extracting(Node::host)
                .isEqualTo(List.of("c", "a", "b"));
    }
}
