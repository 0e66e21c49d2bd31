package io.sessions4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** The response body stream: tells {@link SessionResponseWrapper} about writes, flushes and closes before they happen. */
final class CommitDetectingOutputStream extends ServletOutputStream {
    private final ServletOutputStream delegate;
    private final SessionResponseWrapper response;

    CommitDetectingOutputStream(ServletOutputStream delegate, SessionResponseWrapper response) {
        this.delegate = delegate;
        this.response = response;
    }

    ServletOutputStream delegate() {
        return delegate;
    }

    @Override
    public void write(int b) throws IOException {
        response.beforeWrite(1);
        delegate.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        response.beforeWrite(len);
        delegate.write(b, off, len);
    }

    // print(String) is the container's own (it may encode with the response charset); the other
    // print/println variants of ServletOutputStream end up here. The charset's width is asked here, not when
    // the stream is handed out: most bodies are written as bytes, and asking costs a content-type lookup.
    @Override
    public void print(String s) throws IOException {
        response.beforeWrite((long) String.valueOf(s).length() * response.maxBytesPerChar());
        delegate.print(s);
    }

    @Override
    public void println(String s) throws IOException {
        response.beforeWrite((long) (String.valueOf(s).length() + 2) * response.maxBytesPerChar());
        delegate.println(s);
    }

    @Override
    public void println() throws IOException {
        response.beforeWrite(2);
        delegate.println();
    }

    @Override
    public void flush() throws IOException {
        response.beforeCommit();
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        response.beforeCommit();
        delegate.close();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        delegate.setWriteListener(listener);
    }
}
