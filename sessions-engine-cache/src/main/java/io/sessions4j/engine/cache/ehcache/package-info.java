/** The in-process Ehcache 3 backend of the cache engine, configured in code (no XML, no JAXB). */
package io.sessions4j.engine.cache.ehcache;
