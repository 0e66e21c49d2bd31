-- sessions4j db engine on MariaDB/MySQL: the session table in Django's shape there (django.contrib.sessions,
-- migration 0001 on the MySQL backend), so a Django application can share it. ${table} is sessions.db.table,
-- checked to be a plain identifier. A table that already exists (created by Django) is left as it is: no
-- column is ever added, and Django's own index on expire_date serves.
--
-- Binary collation: session keys and signed data are case-sensitive ASCII, and the default collations
-- (utf8mb4_general_ci and friends) fold case and pad trailing spaces. The engine's compare-and-set compares
-- bytes anyway, so a Django-made table in the default collation is safe too.
-- expire_date holds UTC without a zone, as Django stores it with USE_TZ=True.
CREATE TABLE IF NOT EXISTS `${table}` (
    `session_key` varchar(40) NOT NULL PRIMARY KEY,
    `session_data` longtext NOT NULL,
    `expire_date` datetime(6) NOT NULL,
    KEY `${table}_expire_date` (`expire_date`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
