/**
 * The {@code sessions} command (picocli): {@code clearsessions}, {@code migrate}, {@code decode},
 * {@code encode} and {@code stats}, over whichever engine {@code sessions.engine} names.
 * {@link io.sessions4j.cli.SessionsCommand} is the entry point; the build packages it as
 * {@code target/sessions.jar} with the launcher script {@code target/sessions}.
 *
 * <p>Exit codes: 0 success, 1 failure (storage fault, bad or expired signature, an engine that cannot
 * clear), 2 usage or configuration error.
 */
package io.sessions4j.cli;
