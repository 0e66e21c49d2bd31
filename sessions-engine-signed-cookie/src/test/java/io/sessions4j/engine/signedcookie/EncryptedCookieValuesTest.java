package io.sessions4j.engine.signedcookie;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.StoredValueProperties;

/** A16 on the encrypted-cookie codec (AES-GCM framing around the same JSON). */
class EncryptedCookieValuesTest extends StoredValueProperties {
    @Override
    protected SessionEngine createEngine() {
        return Engines.engine(MutableClock.startingNow(), "sessions.signed_cookies.encrypt", "true",
                "sessions.serializer.allowed_types", PROFILE_SETTING);
    }
}
