package io.sessions4j.bench.http;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Measures the CPU time of the thread handling each request inside the server's handler (the servlet context:
 * filters, servlet, the body write), by the thread's own CPU clock. Unlike process CPU time per request, this
 * does not move with the machine's load (no wake-ups, no batching of reads, no other process's work): the same
 * code costs the same nanoseconds on a busy or a quiet machine, up to cache effects. What it leaves out — Jetty
 * parsing the request before the handler, the socket I/O, GC — is the same for a server with or without the
 * session filter, except the GC of what the filter allocates (measured apart, per request).
 *
 * <p>{@code sessions-bench/request-cpu.sh} turns it on ({@link #PROPERTY}) and reads it over JMX ({@link #NAME})
 * through {@link ServerMeter}; {@code request-bench.sh} runs without it.
 */
public final class RequestMeter extends Handler.Wrapper implements RequestMeterMBean {
    static final String NAME = "io.sessions4j.bench:type=RequestMeter";
    /** The system property that puts the meter in front of {@link RequestServer}'s context ({@code true}). */
    static final String PROPERTY = "sessions4j.bench.meter";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LongAdder requests = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    RequestMeter(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = THREADS.getCurrentThreadCpuTime();
        try {
            return super.handle(request, response, callback);
        } finally {
            nanos.add(THREADS.getCurrentThreadCpuTime() - started);
            requests.increment();
        }
    }

    @Override
    public long getHandledRequests() {
        return requests.sum();
    }

    @Override
    public long getHandleCpuNanos() {
        return nanos.sum();
    }
}
