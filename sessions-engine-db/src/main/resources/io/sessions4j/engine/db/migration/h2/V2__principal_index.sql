-- sessions4j db engine: the index of sessions by user (issue #16), beside Django's table rather than in it,
-- so the session table keeps Django's exact shape. A row exists only for sessions whose principal a
-- sessions4j request bound. No foreign key: Django's flush (TRUNCATE) and DROP TABLE must keep working on
-- its table; rows of deleted sessions are removed by the request that deletes them, or by clearExpired.
CREATE TABLE IF NOT EXISTS "${table}_principal" (
    "session_key" CHARACTER VARYING(40) NOT NULL PRIMARY KEY,
    "principal" CHARACTER VARYING NOT NULL
);

CREATE INDEX IF NOT EXISTS "${table}_principal_principal" ON "${table}_principal" ("principal");
