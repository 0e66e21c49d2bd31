-- An application's own Flyway migration, to show the engine's history never mixes with it.
CREATE TABLE app_users (id INT PRIMARY KEY, name VARCHAR(50));
