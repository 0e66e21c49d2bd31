package io.sessions4j.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A capability of an engine provider whose engine writes signed values of its own format (the
 * signed-cookie engine's cookies): the {@code sessions decode} command reads them through it, without
 * naming the engine. A {@link SessionEngineProvider} offers it by implementing this interface.
 */
public interface SignedValueFormats {

    /** The formats of values this provider's engine writes, built from {@code context}'s secrets and limits. */
    List<SignedValueFormat> signedValueFormats(SessionContext context);

    /**
     * Every format a signed value of this installation can have: Django's stored session data, then each
     * registered provider's formats, in registration order.
     */
    static List<SignedValueFormat> available(SessionContext context) {
        List<SignedValueFormat> formats = new ArrayList<>();
        formats.add(SignedValueFormat.storedSessionData(context));
        for (SessionEngineProvider provider : SessionEngines.providers()) {
            if (provider instanceof SignedValueFormats offered) {
                formats.addAll(offered.signedValueFormats(context));
            }
        }
        return List.copyOf(formats);
    }
}
