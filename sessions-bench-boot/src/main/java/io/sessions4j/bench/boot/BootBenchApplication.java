package io.sessions4j.bench.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the request-level comparison with Spring Session ({@code sessions-bench/boot-bench.sh}):
 * the same controller ({@link SessionController}) on Spring MVC and Tomcat, its sessions kept by one of four
 * {@link Mode}s, chosen by the Spring profile of the same name ({@code --spring.profiles.active=sessions4j-db}).
 * Each mode's profile file excludes the other side's auto-configuration, so exactly one session layer runs.
 */
@SpringBootApplication
public class BootBenchApplication {

    public static void main(String[] args) {
        SpringApplication.run(BootBenchApplication.class, args);
    }
}
