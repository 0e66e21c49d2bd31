-- The test application's own schema, migrated by Boot's Flyway before the session engine starts.
CREATE TABLE app_orders (id BIGINT PRIMARY KEY, item VARCHAR(100));
