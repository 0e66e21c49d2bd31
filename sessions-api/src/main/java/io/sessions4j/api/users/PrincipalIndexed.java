package io.sessions4j.api.users;

import java.util.Optional;

/**
 * Implemented by a {@link io.sessions4j.api.SessionStorage} that can keep a {@link PrincipalIndex}; the
 * engine then offers {@link SessionsByUser}.
 */
public interface PrincipalIndexed {

    /** The index, or empty when this storage's configuration cannot keep one (it says why in its log). */
    Optional<PrincipalIndex> principalIndex();
}
