-- sessions4j db engine: the session table in Django's exact shape (django.contrib.sessions, migration 0001),
-- so a Django application can share it. ${table} is sessions.db.table, checked to be a plain identifier.
-- A table that already exists (created by Django) is left as it is: no column is ever added.
CREATE TABLE IF NOT EXISTS "${table}" (
    "session_key" varchar(40) NOT NULL PRIMARY KEY,
    "session_data" text NOT NULL,
    "expire_date" timestamp with time zone NOT NULL
);

-- load filters on expire_date and clearExpired deletes by it. Django indexes it already, under a hashed
-- name (django_session_expire_date_a5c62663): add an index only when none starts with that column, so a
-- Django table does not get a second one.
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1
        FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = '"${table}"'::regclass
          AND a.attname = 'expire_date'
    ) THEN
        CREATE INDEX "${table}_expire_date" ON "${table}" ("expire_date");
    END IF;
END
$$;
