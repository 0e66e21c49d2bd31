-- sessions4j db engine: the session table in Django's shape (django.contrib.sessions, migration 0001).
-- ${table} is sessions.db.table, checked to be a plain identifier. An existing table is left as it is.
CREATE TABLE IF NOT EXISTS "${table}" (
    "session_key" CHARACTER VARYING(40) NOT NULL PRIMARY KEY,
    "session_data" CHARACTER VARYING NOT NULL,
    "expire_date" TIMESTAMP WITH TIME ZONE NOT NULL
);

-- load filters on it and clearExpired deletes by it.
CREATE INDEX IF NOT EXISTS "${table}_expire_date" ON "${table}" ("expire_date");
