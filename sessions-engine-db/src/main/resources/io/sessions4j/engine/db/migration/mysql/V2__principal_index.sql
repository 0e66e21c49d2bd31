-- sessions4j db engine on MariaDB/MySQL: the index of sessions by user (issue #16), beside Django's table
-- rather than in it, so the session table keeps Django's exact shape. A row exists only for sessions whose
-- principal a sessions4j request bound. No foreign key: Django's flush (TRUNCATE) and DROP TABLE must keep
-- working on its table; rows of deleted sessions are removed by the request that deletes them, or by
-- clearExpired. The principal is indexed on its first 191 characters (InnoDB's utf8mb4 key limit).
CREATE TABLE IF NOT EXISTS `${table}_principal` (
    `session_key` varchar(40) NOT NULL PRIMARY KEY,
    `principal` varchar(1024) NOT NULL,
    KEY `${table}_principal_principal` (`principal`(191))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
