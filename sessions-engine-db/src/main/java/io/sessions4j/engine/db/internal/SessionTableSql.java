package io.sessions4j.engine.db.internal;

/**
 * Every statement the engine runs, built once per table at start-up. Table and column names are
 * quoted, so the name is used exactly as configured (as Django does); it has been checked to be a
 * plain identifier, which is what makes splicing it into SQL safe. Instants are bound where the dialect
 * wants them ({@link Dialect#instantParameter()}) and the expiry is read back in its form
 * ({@link Dialect#read}).
 *
 * @param select             {@code (key, now)} → {@code session_data, expire_date} of a live row
 * @param exists             {@code (key, now)} → a row when live
 * @param insert             {@code (key, data, expiry)}: 1 row, or 0 rows or a duplicate-key error when the key is taken
 * @param update             {@code (data, expiry, key)}: unconditional
 * @param updateIfUnchanged  {@code (data, expiry, key, expectedData)}: compare-and-set on the loaded data
 * @param delete             {@code (key)}
 * @param deleteExpiredBatch {@code (now, batchSize)}
 * @param count              {@code (now)} → live and expired row counts
 * @param liveSizes          {@code (now)} → the length of each live row's data
 */
public record SessionTableSql(String select, String exists, String insert, String update, String updateIfUnchanged,
                              String delete, String deleteExpiredBatch, String count, String liveSizes) {

    /** The statements for {@code table} in {@code dialect}. */
    public static SessionTableSql of(Dialect dialect, String table) {
        String t = dialect.quote(table);
        String key = dialect.quote("session_key");
        String data = dialect.quote("session_data");
        String expiry = dialect.quote("expire_date");
        String instant = dialect.instantParameter();
        return new SessionTableSql(
                // Read by position. MariaDB sends every result's column definitions, each naming its column twice
                // (alias and original) and the expiry by its expression's whole text unless aliased: one-letter
                // aliases cost a read 72 bytes less there (issue #20).
                "SELECT " + data + " AS d, " + dialect.expiryValue(expiry) + " AS e FROM " + t + " WHERE " + key
                        + " = ? AND " + expiry + " > " + instant,
                "SELECT 1 FROM " + t + " WHERE " + key + " = ? AND " + expiry + " > " + instant,
                dialect.insertIfAbsent() + " " + t + " (" + key + ", " + data + ", " + expiry + ") VALUES (?, ?, " + instant + ")",
                "UPDATE " + t + " SET " + data + " = ?, " + expiry + " = " + instant + " WHERE " + key + " = ?",
                // Django's table has no version column, and none may be added: the data itself is the version.
                // It is signed with a timestamp, so two different writes practically never produce the same text,
                // and when they do the content is identical, so overwriting it loses nothing. The comparison
                // must be exact, byte for byte (see Dialect.dataEquals).
                "UPDATE " + t + " SET " + data + " = ?, " + expiry + " = " + instant + " WHERE " + key + " = ? AND "
                        + dialect.dataEquals(data),
                "DELETE FROM " + t + " WHERE " + key + " = ?",
                dialect.deleteExpiredBatch(t),
                "SELECT COUNT(CASE WHEN " + expiry + " > " + instant + " THEN 1 END), COUNT(*) FROM " + t,
                "SELECT LENGTH(" + data + ") FROM " + t + " WHERE " + expiry + " > " + instant);
    }
}
