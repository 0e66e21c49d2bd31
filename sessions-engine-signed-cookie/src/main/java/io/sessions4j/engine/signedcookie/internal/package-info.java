/** Cookie value formats (Django-signed and AES-GCM-encrypted); not public API. */
package io.sessions4j.engine.signedcookie.internal;
