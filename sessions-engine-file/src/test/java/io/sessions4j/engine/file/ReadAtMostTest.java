package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A session file is read into one array of the size it had when checked (issue #20); a file that changed size
 * between the check and the read is still read whole, or refused past {@code sessions.file.max_bytes}.
 */
class ReadAtMostTest {

    @Test
    @DisplayName("S3 a file read at the size it was checked at comes back whole, multi-byte characters included")
    void readsTheCheckedSize() throws IOException {
        String data = "é".repeat(10) + "x".repeat(1000);
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        assertThat(FileSessionStorage.readAtMost(new Trickle(bytes, 7), bytes.length, 1 << 20)).isEqualTo(data);
        assertThat(FileSessionStorage.readAtMost(new Trickle(new byte[0], 7), 0, 1 << 20)).isEmpty();
    }

    @Test
    @DisplayName("S3 a file that grew after its size was checked is still read whole while within the bound")
    void grownFileIsReadWhole() throws IOException {
        byte[] bytes = "y".repeat(5000).getBytes(StandardCharsets.UTF_8);
        assertThat(FileSessionStorage.readAtMost(new Trickle(bytes, 333), 10, 5000)).hasSize(5000);
        assertThat(FileSessionStorage.readAtMost(new Trickle(bytes, 333), 0, 1 << 20)).hasSize(5000);
    }

    @Test
    @DisplayName("S3 a file that grew past sessions.file.max_bytes after the check is refused, never read whole")
    void grownPastTheBoundIsRefused() {
        byte[] bytes = new byte[5001];
        assertThatThrownBy(() -> FileSessionStorage.readAtMost(new Trickle(bytes, 4096), 100, 5000))
                .isInstanceOf(FileSessionStorage.RefusedFileException.class)
                .hasMessageContaining("sessions.file.max_bytes=5000");
    }

    @Test
    @DisplayName("S3 a file that shrank after the check is read as it is now")
    void shrunkFileIsReadAsItIs() throws IOException {
        assertThat(FileSessionStorage.readAtMost(new Trickle("abc".getBytes(StandardCharsets.UTF_8), 2), 900, 5000))
                .isEqualTo("abc");
    }

    /** A channel that hands out its bytes at most {@code chunk} at a time, as a file being written could. */
    private static final class Trickle implements SeekableByteChannel {
        private final byte[] bytes;
        private final int chunk;
        private int position;

        Trickle(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(chunk, dst.remaining()), bytes.length - position);
            dst.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
