package io.sessions4j.api;

/**
 * A capability of a {@link SessionStorage} that keeps nothing on the server: the key the client holds is the
 * encoded session itself (signed cookies). Whatever carries the key then bounds what a session may hold — a
 * cookie, {@link io.sessions4j.api.http.SessionCookie#MAX_BYTES} — and a tool that grows a session can check the
 * size first: the engine's {@link StorageSessionEngine#codec() codec} encodes the data, and
 * {@link io.sessions4j.api.http.SessionCookie#set} refuses a cookie too large (the demo's JSON API does this).
 * Found with {@code engine.capability(ClientSideStorage.class)}.
 */
public interface ClientSideStorage {
}
