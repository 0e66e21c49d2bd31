package io.sessions4j.spring.boot.app;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the Boot tests run: Spring Security's own form login and logout (CSRF on, kept in the session),
 * {@code maximumSessions(1)}, and Spring's {@link HttpSessionEventPublisher}, as the Spring Security guide writes them.
 * Nothing in it names sessions4j.
 */
@SpringBootApplication
@RestController
public class TestApplication {

    @GetMapping("/public")
    String open() {
        return "public";
    }

    @GetMapping("/private")
    String hello(Principal principal) {
        return "hello " + principal.getName();
    }

    /** The CSRF token a page would embed (for logout). */
    @GetMapping("/csrf")
    String csrf(HttpServletRequest request) {
        return ((CsrfToken) request.getAttribute(CsrfToken.class.getName())).getToken();
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/public", "/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .sessionManagement(s -> s.maximumSessions(1));
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("ann").password("{noop}ann-password").roles("USER").build(),
                User.withUsername("max").password("{noop}max-password").roles("USER").build(),
                User.withUsername("admin").password("{noop}admin-password").roles("ADMIN").build());
    }

    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}
