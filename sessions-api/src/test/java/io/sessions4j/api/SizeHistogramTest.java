package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizeHistogramTest {
    @Test
    void bucketsAreInclusiveOfTheirUpperBound() {
        SizeHistogram h = new SizeHistogram();
        for (long size : new long[] {0, 256, 257, 1024, 4097, 262_144, 262_145}) {
            h.accept(size);
        }
        assertThat(h.counts()).containsExactly(2, 2, 0, 1, 0, 1, 1);
        assertThat(h.total()).isEqualTo(7);
        assertThat(h.maxBytes()).isEqualTo(262_145);
        assertThat(SizeHistogram.label(0)).isEqualTo("0-256 B");
        assertThat(SizeHistogram.label(1)).isEqualTo("257-1024 B");
        assertThat(SizeHistogram.label(6)).isEqualTo("> 262144 B");
    }
}
