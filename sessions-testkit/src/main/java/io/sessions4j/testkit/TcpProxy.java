package io.sessions4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder that a test can cut and restore, to take a real database or Redis
 * "down" for one engine without stopping the shared server: {@link #cut()} closes every open
 * connection and refuses new ones; {@link #restore()} accepts again on the same port.
 *
 * <p>{@link #hang()} is the other kind of outage: a server (or a network path) that is alive but stops
 * answering. Connections stay open and new ones are still accepted, but no byte goes through in either
 * direction until {@link #resume()}; bytes sent meanwhile are held, not lost, and are delivered on resume
 * (to whichever side is still listening). Only a client's own timeouts end its wait.
 */
public final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private volatile int port;
    private final Object flow = new Object();
    private boolean hung; // guarded by flow

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        restore();
    }

    /** The local port clients connect to; stable across {@link #cut()} and {@link #restore()}. */
    public int port() {
        return port;
    }

    /**
     * Stops forwarding: open connections stay open and new ones are accepted, but nothing is delivered
     * either way, like a server that accepts and never answers. {@link #resume()} ends it; so does {@link #cut()}.
     */
    public void hang() {
        synchronized (flow) {
            hung = true;
        }
    }

    /** Forwards again, delivering what was held during {@link #hang()}. */
    public void resume() {
        synchronized (flow) {
            hung = false;
            flow.notifyAll();
        }
    }

    /** Whether {@link #hang()} holds the traffic now. */
    public boolean isHung() {
        synchronized (flow) {
            return hung;
        }
    }

    /** Drops every connection and refuses new ones (connection refused), like a stopped server; ends a hang. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        // Wait until the acceptor has let go of the listening socket, so restore() can bind again.
        Thread t = acceptor;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
        // Held bytes belong to closed connections now; their pumps wake, fail to write and end.
        resume();
    }

    /** Accepts connections again on the same port. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = socket.getLocalPort();
            server = socket;
            Thread t = new Thread(() -> acceptLoop(socket), "tcp-proxy-" + port);
            t.setDaemon(true);
            acceptor = t;
            t.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                synchronized (this) {
                    if (server != socket) { // cut() ran while this connection was being set up
                        closeQuietly(client);
                        closeQuietly(upstream);
                        return;
                    }
                    open.add(client);
                    open.add(upstream);
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    awaitFlowing();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away; close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Blocks while {@link #hang()} holds the traffic; bytes already read wait here until resumed. */
    private void awaitFlowing() throws IOException {
        synchronized (flow) {
            while (hung) {
                try {
                    flow.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while hung", e);
                }
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        cut();
    }
}
