package io.sessions4j.servlet;

import io.sessions4j.api.SessionStore;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The application the end-to-end suite runs on each server: one small servlet per behaviour. */
final class TestServlets {
    static final int LARGE_BODY = 1024 * 1024;

    /** Signalled by /hold once it has read the session; /hold then waits for {@link #proceed}. */
    final AtomicReference<CountDownLatch> loaded = new AtomicReference<>(new CountDownLatch(0));
    final AtomicReference<CountDownLatch> proceed = new AtomicReference<>(new CountDownLatch(0));

    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    static HttpServlet servlet(Handler handler) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
                try {
                    handler.handle(req, resp);
                } catch (IOException | ServletException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ServletException(e);
                }
            }
        };
    }

    /** A record kept through {@code HttpSession}: allowlisted by the suite's {@code sessions.serializer.allowed_types}. */
    record Profile(String name, java.math.BigDecimal balance, List<java.time.Instant> logins) {
    }

    /** What another request does to a session key meanwhile (a logout), for {@code /cycle-after-logout}. */
    volatile java.util.function.Consumer<String> concurrentLogout = key -> { };

    Map<String, HttpServlet> all() {
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        servlets.put("/typed-put", servlet((req, res) -> {
            HttpSession session = req.getSession();
            session.setAttribute("profile", new Profile("Ada", new java.math.BigDecimal("12345678901234567.10"),
                    List.of(java.time.Instant.parse("2026-11-30T07:00:00.123456Z"))));
            session.setAttribute("visits", 3L);
            res.getWriter().write("ok");
        }));
        servlets.put("/typed-get", servlet((req, res) -> {
            HttpSession session = req.getSession(false);
            Profile profile = (Profile) session.getAttribute("profile"); // a ClassCastException would fail the test
            Long visits = (Long) session.getAttribute("visits");
            res.getWriter().write(profile + " visits=" + visits);
        }));
        servlets.put("/cycle-after-logout", servlet((req, res) -> {
            HttpSession session = req.getSession(false);
            res.getWriter().write(String.valueOf(session.getAttribute("user")));
            concurrentLogout.accept(SessionFilter.store(req).getSessionKey());
            res.getWriter().write(req.changeSessionId());
        }));
        servlets.put("/put", servlet((req, res) -> {
            req.getSession().setAttribute(req.getParameter("k"), req.getParameter("v"));
            res.getWriter().write("ok");
        }));
        servlets.put("/get", servlet((req, res) -> {
            HttpSession session = req.getSession(false);
            res.getWriter().write(session == null ? "no session" : String.valueOf(session.getAttribute(req.getParameter("k"))));
        }));
        servlets.put("/untouched", servlet((req, res) -> res.getWriter().write("hello")));
        servlets.put("/login", servlet((req, res) -> {
            req.getSession().setAttribute("user", req.getParameter("user"));
            res.getWriter().write(req.changeSessionId());
        }));
        servlets.put("/whoami", servlet((req, res) -> {
            HttpSession session = req.getSession(false);
            res.getWriter().write(session == null ? "anonymous" : String.valueOf(session.getAttribute("user")));
        }));
        servlets.put("/logout", servlet((req, res) -> {
            HttpSession session = req.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            res.getWriter().write("bye");
        }));
        servlets.put("/status500", servlet((req, res) -> {
            req.getSession().setAttribute("k", "from a failed request");
            res.setStatus(500);
            res.getWriter().write("failed");
        }));
        servlets.put("/too-many-sessions", servlet((req, res) -> {
            req.getSession().setAttribute("k", "from a refused login");
            throw new io.sessions4j.api.TooManySessionsException("This user already has 1 active sessions, the most"
                    + " allowed (sessions.max_per_user=1)", 1);
        }));
        servlets.put("/throw", servlet((req, res) -> {
            req.getSession().setAttribute("k", "from a failed request");
            throw new IllegalStateException("boom (expected by the test)");
        }));
        servlets.put("/redirect", servlet((req, res) -> {
            req.getSession().setAttribute("k", "redirected");
            res.sendRedirect("/get?k=k");
        }));
        servlets.put("/send-error", servlet((req, res) -> {
            req.getSession().setAttribute("k", "error page");
            res.sendError(404);
        }));
        servlets.put("/conflict", servlet((req, res) -> {
            req.getSession().setAttribute("k", "conflict");
            res.sendError(409);
        }));
        servlets.put("/error-page", servlet((req, res) -> {
            // Reached by an ERROR dispatch (error page for 409): the filter wraps the container's objects again.
            HttpSession session = req.getSession(false);
            session.setAttribute("error-page", "visited");
            res.getWriter().write("error page saw " + session.getAttribute("k") + " dispatch=" + req.getDispatcherType());
        }));
        servlets.put("/large", servlet((req, res) -> {
            req.getSession().setAttribute("k", "large");
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            ServletOutputStream out = res.getOutputStream();
            for (int written = 0; written < LARGE_BODY; written += chunk.length) {
                out.write(chunk);
            }
        }));
        servlets.put("/large-writer", servlet((req, res) -> {
            req.getSession().setAttribute("k", "large writer");
            res.setContentType("text/plain;charset=UTF-8");
            PrintWriter out = res.getWriter();
            String line = "y".repeat(63) + "\n"; // 64 characters: 16384 lines make exactly 1 MiB
            for (int written = 0; written < LARGE_BODY; written += line.length()) {
                out.write(line);
            }
        }));
        servlets.put("/flush", servlet((req, res) -> {
            req.getSession().setAttribute("k", "flushed");
            res.getWriter().write("a");
            res.flushBuffer();
            res.getWriter().write("b");
        }));
        servlets.put("/content-length", servlet((req, res) -> {
            req.getSession().setAttribute("k", "content length");
            res.setContentLength(5);
            res.getOutputStream().write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // The body is complete: the container may have committed. A change now is saved, without a cookie.
            req.getSession().setAttribute("late", "after the body");
        }));
        servlets.put("/reset", servlet((req, res) -> {
            req.getSession().setAttribute("k", "reset");
            // A write just over a quarter of the buffer runs the lifecycle (it might commit in some
            // container), yet commits in none with this buffer size: reset() is still allowed.
            res.setBufferSize(64 * 1024);
            res.getOutputStream().write(new byte[res.getBufferSize() / 4 + 1]);
            res.reset();
            res.getWriter().write("after reset committed=" + res.isCommitted());
        }));
        servlets.put("/after-commit", servlet((req, res) -> {
            PrintWriter out = res.getWriter();
            out.write("committed ");
            res.flushBuffer();
            HttpSession session = req.getSession(false);
            if (session == null) {
                try {
                    req.getSession(true);
                    out.write("create=allowed");
                } catch (IllegalStateException e) {
                    out.write("create=IllegalStateException");
                }
                return;
            }
            session.setAttribute("late", "saved without a cookie");
            try {
                req.changeSessionId();
                out.write("change=allowed");
            } catch (IllegalStateException e) {
                out.write("change=IllegalStateException");
            }
        }));
        servlets.put("/hold", servlet((req, res) -> {
            HttpSession session = req.getSession(false);
            session.getAttribute("user");
            loaded.get().countDown();
            if (!proceed.get().await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let /hold proceed");
            }
            session.setAttribute("late", "value");
            res.getWriter().write("done");
        }));
        servlets.put("/async", servlet((req, res) -> {
            AsyncContext async = req.startAsync();
            async.start(() -> {
                try {
                    HttpServletRequest request = (HttpServletRequest) async.getRequest();
                    request.getSession().setAttribute("k", "async");
                    async.getResponse().getWriter().write("async done");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    async.complete();
                }
            });
        }));
        servlets.put("/async-dispatch", servlet((req, res) -> {
            AsyncContext async = req.startAsync();
            async.start(() -> async.dispatch("/async-target"));
        }));
        servlets.put("/async-target", servlet((req, res) -> {
            req.getSession().setAttribute("k", req.getDispatcherType().name());
            res.getWriter().write("target");
        }));
        servlets.put("/store", servlet((req, res) -> {
            SessionStore store = SessionFilter.store(req);
            store.put("django", List.of(1, 2, 3));
            res.getWriter().write(String.valueOf(req.getAttribute(SessionFilter.STORE_ATTRIBUTE) == store));
        }));
        servlets.put("/vary", servlet((req, res) -> {
            res.setHeader("Vary", "Accept-Encoding");
            HttpSession session = req.getSession(false);
            res.getWriter().write(session == null ? "none" : String.valueOf(session.getAttribute("k")));
        }));
        servlets.put("/browser-close", servlet((req, res) -> {
            HttpSession session = req.getSession();
            session.setMaxInactiveInterval(0);
            session.setAttribute("k", "until the browser closes");
        }));
        servlets.put("/info", servlet((req, res) -> {
            PrintWriter out = res.getWriter();
            out.println("requested=" + req.getRequestedSessionId());
            out.println("valid=" + req.isRequestedSessionIdValid());
            out.println("fromCookie=" + req.isRequestedSessionIdFromCookie());
            out.println("fromURL=" + req.isRequestedSessionIdFromURL());
            out.println("encoded=" + res.encodeURL("/x") + " " + res.encodeRedirectURL("/y"));
            HttpSession session = req.getSession(false);
            out.println("session=" + (session == null ? "none" : session.getId() + " new=" + session.isNew()));
        }));
        servlets.put("/api", servlet(TestServlets::api));
        return servlets;
    }

    /** Exercises the HttpSession API; prints name=value lines the test compares. */
    private static void api(HttpServletRequest req, HttpServletResponse res) throws IOException {
        PrintWriter out = res.getWriter();
        switch (req.getParameter("step")) {
            case "create" -> {
                out.println("before=" + req.getSession(false));
                try {
                    req.changeSessionId();
                    out.println("changeWithoutSession=allowed");
                } catch (IllegalStateException e) {
                    out.println("changeWithoutSession=IllegalStateException");
                }
                HttpSession session = req.getSession(true);
                out.println("new=" + session.isNew());
                out.println("same=" + (req.getSession(false) == session && req.getSession() == session));
                session.setAttribute("a", "1");
                session.setAttribute("b", List.of(1, 2));
                session.removeAttribute("b");
                session.setAttribute("c", "3");
                session.setAttribute("c", null);
                session.setMaxInactiveInterval(600);
                out.println("names=" + names(session));
                out.println("max=" + session.getMaxInactiveInterval());
                try {
                    session.setAttribute(StoreHttpSession.CREATED_KEY, 1);
                    out.println("reserved=allowed");
                } catch (IllegalArgumentException e) {
                    out.println("reserved=IllegalArgumentException");
                }
                out.println("id=" + session.getId());
                out.println("created=" + session.getCreationTime());
                out.println("context=" + (session.getServletContext() == req.getServletContext()));
            }
            case "read" -> {
                HttpSession session = req.getSession(false);
                out.println("new=" + session.isNew());
                out.println("id=" + session.getId());
                out.println("names=" + names(session));
                out.println("a=" + session.getAttribute("a"));
                out.println("max=" + session.getMaxInactiveInterval());
                out.println("created=" + session.getCreationTime());
                out.println("lastAccessed=" + session.getLastAccessedTime());
                out.println("reservedHidden=" + session.getAttribute(StoreHttpSession.CREATED_KEY));
            }
            case "invalidate" -> {
                HttpSession session = req.getSession(false);
                session.invalidate();
                try {
                    session.getAttribute("a");
                    out.println("afterInvalidate=readable");
                } catch (IllegalStateException e) {
                    out.println("afterInvalidate=IllegalStateException");
                }
                out.println("getSessionFalse=" + req.getSession(false));
                HttpSession fresh = req.getSession(true);
                out.println("freshNew=" + fresh.isNew());
                out.println("freshNames=" + names(fresh));
            }
            default -> res.sendError(400);
        }
    }

    private static List<String> names(HttpSession session) {
        List<String> names = new ArrayList<>(Collections.list(session.getAttributeNames()));
        Collections.sort(names);
        return names;
    }
}
