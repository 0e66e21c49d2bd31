package io.sessions4j.spring.boot;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.events.SessionEvents;
import io.sessions4j.api.users.SessionsByUser;
import io.sessions4j.micrometer.SessionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessions4j.servlet.SessionFilter;
import io.sessions4j.servlet.SessionListeners;
import io.sessions4j.spring.boot.actuate.SessionStorageHealthIndicator;
import io.sessions4j.spring.boot.actuate.SessionsEndpoint;
import io.sessions4j.spring.boot.security.SecurityPrincipalBinding;
import io.sessions4j.spring.boot.security.SecurityTypedValues;
import io.sessions4j.spring.boot.security.StoreSessionRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Collections;
import java.util.EventListener;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;

/**
 * sessions4j in a Spring Boot application: settings from the {@link Environment}
 * ({@link EnvironmentSessionSettings}), one {@link SessionEngine} closed with the context, and the
 * {@link SessionFilter} registered ahead of Spring Security's filter chain.
 *
 * <p>The db and cached_db engines use the application's {@link DataSource} bean when there is exactly one and
 * {@code sessions.db.url} is not set; the engine never closes it, and its Flyway migrations keep their own
 * history table ({@code <table>_s4j_history}), leaving the application's schema and Flyway history alone.
 *
 * <p>Every bean here backs off when the application declares its own of the same type.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@ConditionalOnClass(SessionEngine.class)
public class SessionsAutoConfiguration {
    /**
     * The session filter's order: ahead of every filter that may read the session, Spring Security's chain
     * ({@code -100} by default) included. The same as Spring Session's repository filter.
     */
    public static final int FILTER_ORDER = Integer.MIN_VALUE + 50;
    private static final Logger LOG = LoggerFactory.getLogger(SessionsAutoConfiguration.class);
    private static final String DB_URL = "sessions.db.url";

    /** The validated {@code sessions.*} settings. */
    @Bean
    @ConditionalOnMissingBean
    public SessionSettings sessionSettings(Environment environment) {
        return EnvironmentSessionSettings.from(environment);
    }

    /**
     * The engine named by {@code sessions.engine}; db and cached_db over the application's DataSource unless
     * {@code sessions.db.url} is set. Closed with the application context.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    // After the application's own schema set-up (its Flyway, Liquibase, schema.sql) on the same database: the
    // session table must not be the first table an application migration tool finds in an empty schema.
    @DependsOnDatabaseInitialization
    public SessionEngine sessionEngine(SessionSettings settings, ObjectProvider<DataSource> dataSources,
                                       ObjectProvider<SessionEngineCustomizer> customizers) {
        SessionEngine engine = engine(settings, dataSources);
        try {
            customizers.orderedStream().forEach(c -> c.customize(engine));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    private static SessionEngine engine(SessionSettings settings, ObjectProvider<DataSource> dataSources) {
        String name = settings.get(CoreSettings.ENGINE);
        SessionEngines.provider(name); // an unknown engine fails here, listing the available ones
        if (DataSourceEngines.usesDataSource(name) && !settings.explicit().containsKey(DB_URL)) {
            DataSource dataSource = dataSources.getIfUnique();
            if (dataSource != null) {
                LOG.info("sessions4j: engine {} on the application's DataSource (set {} to use a database of its own)",
                        name, DB_URL);
                return DataSourceEngines.create(name, settings, dataSource);
            }
        }
        SessionEngine loaded = SessionEngines.load(settings);
        LOG.info("sessions4j: engine {}", loaded.name());
        return loaded;
    }

    /**
     * Spring Security: its session attributes as typed JSON values, the session bound to the logged-in user, and a
     * {@link SessionRegistry} for {@code maximumSessions}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.security.jackson2.SecurityJackson2Modules",
            "org.springframework.security.web.context.HttpSessionSecurityContextRepository"})
    static class SecurityConfiguration {

        @Bean
        SecurityTypedValues sessionsSecurityTypedValues() {
            return new SecurityTypedValues();
        }

        @Bean
        SecurityPrincipalBinding sessionsSecurityPrincipalBinding(SessionSettings settings) {
            return new SecurityPrincipalBinding(settings.get(CoreSettings.PRINCIPAL_KEY));
        }

        /**
         * Over the engine's index of sessions by user when it keeps one (sessions counted in storage, across
         * instances and restarts); otherwise Spring Security's in-memory registry, fed by the session events.
         */
        @Bean
        @ConditionalOnMissingBean
        SessionRegistry sessionRegistry(SessionEngine engine) {
            return engine.capability(SessionsByUser.class).<SessionRegistry>map(StoreSessionRegistry::new)
                    .orElseGet(SessionRegistryImpl::new);
        }
    }

    /** Actuator: the {@code sessions} endpoint and the storage health indicator, when the actuator is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class ActuatorConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        SessionsEndpoint sessionsEndpoint(SessionEngine engine) {
            return new SessionsEndpoint(engine);
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
        static class HealthConfiguration {
            @Bean
            @ConditionalOnMissingBean(name = "sessionStorageHealthIndicator")
            @ConditionalOnEnabledHealthIndicator("sessionStorage")
            SessionStorageHealthIndicator sessionStorageHealthIndicator(SessionEngine engine) {
                return new SessionStorageHealthIndicator(engine);
            }
        }
    }

    /**
     * Micrometer meters ({@code sessions.*}, see {@code io.sessions4j.micrometer.SessionMetrics}) in the application's
     * {@code MeterRegistry}, when {@code sessions-micrometer} is on the class path and the engine tells events.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.sessions4j.micrometer.SessionMetrics", "io.micrometer.core.instrument.MeterRegistry"})
    static class MetricsConfiguration {

        @Bean
        SmartInitializingSingleton sessionMetricsBinder(SessionEngine engine, ObjectProvider<MeterRegistry> registries) {
            return () -> {
                MeterRegistry registry = registries.getIfUnique();
                if (registry != null && engine.capability(SessionEvents.class).isPresent()) {
                    SessionMetrics.bind(engine, registry);
                }
            };
        }
    }

    /** The servlet side: the filter and the session listeners. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(SessionFilter.class)
    static class ServletConfiguration {

        /** {@link SessionFilter} on every path for REQUEST, ASYNC and ERROR dispatches, at {@link #FILTER_ORDER}. */
        @Bean
        @ConditionalOnMissingBean(name = "sessionFilterRegistration")
        FilterRegistrationBean<SessionFilter> sessionFilterRegistration(SessionEngine engine) {
            FilterRegistrationBean<SessionFilter> registration = new FilterRegistrationBean<>(new SessionFilter(engine));
            registration.setName("sessions4jFilter");
            registration.setOrder(FILTER_ORDER);
            registration.setAsyncSupported(true);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            registration.addUrlPatterns("/*");
            return registration;
        }

        /**
         * Hands every {@link HttpSessionListener}, {@link HttpSessionIdListener} and
         * {@link HttpSessionAttributeListener} bean (Spring Security's {@code HttpSessionEventPublisher}, for one)
         * to {@link SessionListeners}, so they hear about sessions4j sessions.
         */
        @Bean
        ServletContextInitializer sessionListenersInitializer(ObjectProvider<HttpSessionListener> lifecycle,
                                                              ObjectProvider<HttpSessionIdListener> ids,
                                                              ObjectProvider<HttpSessionAttributeListener> attributes) {
            return servletContext -> {
                Set<EventListener> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                SessionListeners listeners = SessionListeners.of(servletContext);
                Stream.of(lifecycle, ids, attributes)
                        .flatMap(ObjectProvider::orderedStream)
                        .filter(seen::add)
                        .forEach(listeners::add);
            };
        }
    }
}
