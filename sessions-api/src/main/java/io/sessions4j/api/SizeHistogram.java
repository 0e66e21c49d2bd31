package io.sessions4j.api;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * How the stored (encoded) sizes of live sessions are distributed, for {@code sessions stats}: counts per
 * bucket of bytes, bucket bounds growing fourfold from 256 bytes to 256 KiB, plus the largest size seen.
 */
public final class SizeHistogram implements LongConsumer {
    /** Inclusive upper bounds of every bucket but the last, which holds everything larger. */
    private static final long[] BOUNDS = {256, 1024, 4096, 16_384, 65_536, 262_144};

    private final long[] counts = new long[BOUNDS.length + 1];
    private long total;
    private long max;

    /** Counts one session of {@code sizeBytes}. */
    @Override
    public void accept(long sizeBytes) {
        int bucket = 0;
        while (bucket < BOUNDS.length && sizeBytes > BOUNDS[bucket]) {
            bucket++;
        }
        counts[bucket]++;
        total++;
        max = Math.max(max, sizeBytes);
    }

    /** Sessions counted. */
    public long total() {
        return total;
    }

    /** The largest size counted, in bytes; 0 when none. */
    public long maxBytes() {
        return max;
    }

    /** Sessions per bucket; {@link #label(int)} names each. */
    public long[] counts() {
        return Arrays.copyOf(counts, counts.length);
    }

    /** A bucket's range, e.g. {@code "1025-4096 B"} or {@code "> 262144 B"}. */
    public static String label(int bucket) {
        if (bucket == BOUNDS.length) {
            return "> " + BOUNDS[BOUNDS.length - 1] + " B";
        }
        return (bucket == 0 ? 0 : BOUNDS[bucket - 1] + 1) + "-" + BOUNDS[bucket] + " B";
    }

    /** Implemented by a {@link SessionStorage} that can stream the sizes of its live records (a scan: for tools). */
    public interface Source {
        /** Tells {@code sizes} the stored size in bytes of every record live at {@code now}. */
        void liveSizes(java.time.Instant now, LongConsumer sizes);
    }
}
