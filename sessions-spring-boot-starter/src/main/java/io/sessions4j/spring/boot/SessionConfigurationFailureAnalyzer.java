package io.sessions4j.spring.boot;

import io.sessions4j.api.SessionConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad {@code sessions.*} setting into Boot's "APPLICATION FAILED TO START" report: the message (which
 * names the key, the value — secrets masked — and what is allowed) and where to fix it, instead of a stack of
 * bean-creation errors.
 */
class SessionConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SessionConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SessionConfigurationException cause) {
        return new FailureAnalysis("sessions4j could not start: " + cause.getMessage(),
                "Fix the sessions.* setting named above in application.properties / YAML, a profile, or its SESSIONS_* "
                        + "environment variable. Every key, its default and what it allows are listed in the README's "
                        + "Configuration section.", cause);
    }
}
