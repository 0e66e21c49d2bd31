package io.sessions4j.servlet;

import java.io.PrintWriter;

/**
 * The response body writer: tells {@link SessionResponseWrapper} about writes, flushes and closes before
 * they happen. Every {@code print}, {@code format} and {@code append} of {@link PrintWriter} ends
 * in the three {@code write} methods overridden here, except the line separator of
 * {@code println()}, handled below.
 */
final class CommitDetectingWriter extends PrintWriter {
    private final PrintWriter delegate;
    private final SessionResponseWrapper response;
    private final int maxBytesPerChar;

    CommitDetectingWriter(PrintWriter delegate, SessionResponseWrapper response, int maxBytesPerChar) {
        super(delegate);
        this.delegate = delegate;
        this.response = response;
        this.maxBytesPerChar = maxBytesPerChar;
    }

    PrintWriter delegate() {
        return delegate;
    }

    private void beforeWrite(int chars) {
        response.beforeWrite((long) chars * maxBytesPerChar);
    }

    @Override
    public void write(int c) {
        beforeWrite(1);
        delegate.write(c);
    }

    @Override
    public void write(char[] buf, int off, int len) {
        beforeWrite(len);
        delegate.write(buf, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
        beforeWrite(len);
        delegate.write(s, off, len);
    }

    @Override
    public void println() {
        write(System.lineSeparator());
    }

    @Override
    public void flush() {
        response.beforeCommit();
        delegate.flush();
    }

    @Override
    public void close() {
        response.beforeCommit();
        delegate.close();
    }

    @Override
    public boolean checkError() {
        return delegate.checkError();
    }
}
