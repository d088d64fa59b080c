package com.rushgate.local.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lets progress written to a PrintStream (in UTF-8) land on the command's error writer. A
 * character whose bytes arrive in two writes is decoded whole: the decoder keeps the first part.
 */
final class WriterOutputStream extends OutputStream {

    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer decoded = CharBuffer.allocate(8192);

    WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int from = offset;
        int end = offset + length;
        while (from < end) {
            int chunk = Math.min(pending.remaining(), end - from);
            pending.put(bytes, from, chunk);
            from += chunk;
            pending.flip();
            decoder.decode(pending, decoded, false);
            // Whatever could not be decoded yet is the start of a character: keep it for the next write.
            pending.compact();
            decoded.flip();
            writer.append(decoded);
            decoded.clear();
        }
    }

    @Override
    public void flush() {
        writer.flush();
    }
}
