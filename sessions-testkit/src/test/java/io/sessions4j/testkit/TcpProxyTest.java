package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy's outages against a local echo server: a cut refuses, a hang holds bytes until resumed. */
class TcpProxyTest {
    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread pump = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // client went away
                        }
                    });
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = new TcpProxy("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "ping")).isEqualTo("ping");
        }
    }

    @Test
    void hangKeepsConnectionsOpenButDeliversNothingUntilResumed() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "one")).isEqualTo("one");
            proxy.hang();
            assertThat(proxy.isHung()).isTrue();
            send(before, "two");
            assertThatThrownBy(() -> before.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            // A new connection is still accepted, and also stalls.
            try (Socket during = connect()) {
                send(during, "three");
                assertThatThrownBy(() -> during.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

                proxy.resume();
                assertThat(proxy.isHung()).isFalse();
                // What was held is delivered, in order, on both connections.
                assertThat(read(before, 3)).isEqualTo("two");
                assertThat(read(during, 5)).isEqualTo("three");
            }
            assertThat(roundTrip(before, "four")).isEqualTo("four");
        }
    }

    @Test
    void cutEndsAHangAndRestoreForwardsAgain() throws IOException {
        proxy.hang();
        proxy.cut();
        assertThat(proxy.isHung()).isFalse();
        assertThatThrownBy(this::connect).isInstanceOf(IOException.class);
        proxy.restore();
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "back")).isEqualTo("back");
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.port());
        // A read that gets nothing within this long counts as "nothing delivered" (not a timing assertion:
        // with the traffic flowing, the echo answers on loopback far sooner).
        s.setSoTimeout(300);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        send(s, text);
        return read(s, text.length());
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    private static String read(Socket s, int length) throws IOException {
        s.setSoTimeout(10_000);
        byte[] bytes = s.getInputStream().readNBytes(length);
        s.setSoTimeout(300);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
