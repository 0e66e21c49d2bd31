package io.sessions4j.engine.cache.redis;

import io.sessions4j.api.SessionConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Picks the Jedis entry class from the URL form, once: {@link JedisPooled} for one server,
 * {@link JedisSentineled} for Sentinel, {@link JedisCluster} for Cluster. All three are
 * {@link UnifiedJedis}, which is all the rest of the backend speaks.
 */
final class RedisClients {
    /** How many times a Cluster command follows redirections or retries a failed node. */
    private static final int CLUSTER_MAX_ATTEMPTS = 3;

    private RedisClients() {
    }

    static UnifiedJedis open(RedisUrl url, RedisOptions options) {
        Tls tls = url.tls() ? Tls.of(options) : null;
        JedisClientConfig nodeConfig = clientConfig(url, options, tls);
        GenericObjectPoolConfig<Connection> pool = poolConfig(options);
        return switch (url.topology()) {
            case STANDALONE -> new JedisPooled(hostAndPort(url.nodes().get(0)), nodeConfig, pool);
            case SENTINEL -> new JedisSentineled(url.master(), nodeConfig, pool, hostsAndPorts(url),
                    sentinelConfig(options, tls));
            // The whole command, redirections included, must end within about one timeout: no hang when nodes die.
            case CLUSTER -> new JedisCluster(hostsAndPorts(url), nodeConfig, CLUSTER_MAX_ATTEMPTS,
                    Duration.ofMillis((long) options.connectTimeoutMs() + options.readTimeoutMs()), pool);
        };
    }

    /** The configuration of every data node: the server, the Sentinel master, each Cluster node. */
    static JedisClientConfig clientConfig(RedisUrl url, RedisOptions options, Tls tls) {
        return withTls(DefaultJedisClientConfig.builder(), tls)
                .connectionTimeoutMillis(options.connectTimeoutMs())
                .socketTimeoutMillis(options.readTimeoutMs())
                .user(url.user())
                .password(url.password())
                .database(url.database())
                .clientName("sessions4j")
                .build();
    }

    /** The configuration of the connections to the sentinels themselves. */
    static JedisClientConfig sentinelConfig(RedisOptions options, Tls tls) {
        return withTls(DefaultJedisClientConfig.builder(), tls)
                .connectionTimeoutMillis(options.connectTimeoutMs())
                .socketTimeoutMillis(options.readTimeoutMs())
                .password(options.sentinelPassword())
                .build();
    }

    private static DefaultJedisClientConfig.Builder withTls(DefaultJedisClientConfig.Builder builder, Tls tls) {
        if (tls == null) {
            return builder.ssl(false);
        }
        // Endpoint identification: the certificate must name the host we dialled (RFC 6125 / 2818 rules,
        // as HTTPS does). Without it, any certificate a trusted CA issued, for any name, would do.
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return builder.ssl(true).sslSocketFactory(tls.socketFactory()).sslParameters(parameters);
    }

    /** The TLS trust of the engine: the CA file of {@code sessions.cache.tls.ca_file}, or the JVM's default. */
    record Tls(SSLSocketFactory socketFactory) {
        static Tls of(RedisOptions options) {
            if (options.tlsCaFile() == null) {
                return new Tls((SSLSocketFactory) SSLSocketFactory.getDefault());
            }
            return new Tls(fromCaFile(options.tlsCaFile()));
        }

        private static SSLSocketFactory fromCaFile(Path caFile) {
            try (InputStream in = Files.newInputStream(caFile)) {
                KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
                trusted.load(null, null);
                int n = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.setCertificateEntry("ca-" + n++, certificate);
                }
                if (n == 0) {
                    throw new SessionConfigurationException("sessions.cache.tls.ca_file=" + caFile
                            + " holds no PEM certificate");
                }
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trusted);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return context.getSocketFactory();
            } catch (IOException | GeneralSecurityException e) {
                throw new SessionConfigurationException("Cannot read sessions.cache.tls.ca_file=" + caFile + ": " + e, e);
            }
        }
    }

    private static GenericObjectPoolConfig<Connection> poolConfig(RedisOptions options) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(options.poolMax());
        pool.setMaxIdle(options.poolMax());
        pool.setMinIdle(0);
        // Never block a request forever on an exhausted pool.
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(Duration.ofMillis(options.poolMaxWaitMs()));
        // No PING on borrow: a read must stay one round trip. Stale connections are retried once instead.
        pool.setTestOnBorrow(false);
        pool.setJmxEnabled(false);
        return pool;
    }

    private static HostAndPort hostAndPort(RedisUrl.Node node) {
        return new HostAndPort(node.host(), node.port());
    }

    private static Set<HostAndPort> hostsAndPorts(RedisUrl url) {
        Set<HostAndPort> set = new LinkedHashSet<>();
        url.nodes().forEach(n -> set.add(hostAndPort(n)));
        return set;
    }
}
