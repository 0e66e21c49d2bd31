package io.sessions4j.bench.http;

/** What {@link RequestMeter} exposes over JMX. */
public interface RequestMeterMBean {
    /** Requests handled so far. */
    long getHandledRequests();

    /** CPU time the handling threads spent inside the server's handler, in nanoseconds, summed over requests. */
    long getHandleCpuNanos();
}
