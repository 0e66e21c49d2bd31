package io.sessions4j.spring.boot.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import java.util.Objects;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Binds the session to the logged-in user: when Spring Security saves a {@link SecurityContext} with an
 * authenticated, non-anonymous user into the session, that user's name ({@link Authentication#getName()}) is
 * written under {@code sessions.principal.key} (Django's {@code _auth_user_id} by default), which is what
 * indexes sessions by user ("log out everywhere", the actuator, {@code maximumSessions}). When the context is
 * removed or holds no user, the binding goes too.
 */
public final class SecurityPrincipalBinding implements HttpSessionAttributeListener {
    private final String principalKey;
    private final String contextAttribute;

    /** Watches Spring Security's default attribute, {@code SPRING_SECURITY_CONTEXT}. */
    public SecurityPrincipalBinding(String principalKey) {
        this(principalKey, HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    }

    public SecurityPrincipalBinding(String principalKey, String contextAttribute) {
        this.principalKey = Objects.requireNonNull(principalKey, "principalKey");
        this.contextAttribute = Objects.requireNonNull(contextAttribute, "contextAttribute");
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        bind(event);
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        bind(event);
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        if (contextAttribute.equals(event.getName())) {
            HttpSession session = event.getSession();
            if (session.getAttribute(principalKey) != null) {
                session.removeAttribute(principalKey);
            }
        }
    }

    private void bind(HttpSessionBindingEvent event) {
        if (!contextAttribute.equals(event.getName())) {
            return;
        }
        HttpSession session = event.getSession();
        // For a replacement the event carries the old value: read the new one.
        String name = principalName(session.getAttribute(contextAttribute));
        Object bound = session.getAttribute(principalKey);
        if (name == null) {
            if (bound != null) {
                session.removeAttribute(principalKey);
            }
        } else if (!name.equals(bound)) {
            session.setAttribute(principalKey, name);
        }
    }

    private static String principalName(Object value) {
        if (value instanceof SecurityContext context) {
            Authentication authentication = context.getAuthentication();
            if (authentication != null && authentication.isAuthenticated()
                    && !(authentication instanceof AnonymousAuthenticationToken)) {
                return authentication.getName();
            }
        }
        return null;
    }
}
