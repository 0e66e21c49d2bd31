package io.sessions4j.engine.signedcookie;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.StoredValueProperties;

/** A16 on the signed-cookie codec: the whole session travels in the cookie and comes back equal. */
class SignedCookieValuesTest extends StoredValueProperties {
    @Override
    protected SessionEngine createEngine() {
        return Engines.engine(MutableClock.startingNow(), "sessions.serializer.allowed_types", PROFILE_SETTING);
    }
}
