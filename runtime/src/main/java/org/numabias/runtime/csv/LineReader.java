package org.numabias.runtime.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import org.numabias.api.trace.TraceFormatException;

/**
 * Reads a text file line by line as strict UTF-8, never holding more than {@code maxLineBytes}
 * bytes: a longer line, or bytes that are not UTF-8, are a {@link TraceFormatException} naming the
 * file, the line and the byte offset in the file. Lines end at {@code \n}; a {@code \r} before it is
 * dropped. Hand-written because {@code BufferedReader.readLine} has no length bound and its decoder
 * errors ("Input length = 1") say neither where nor in which file.
 */
public final class LineReader implements AutoCloseable {
    private final InputStream in;
    private final String file;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line;
    private int fill;
    private int pos;
    private long bufferStart;
    private long lineNo;
    private long lineStart;

    /**
     * @param in           the bytes (closed with this reader)
     * @param file         the file's name, for messages
     * @param maxLineBytes the longest line accepted, in bytes
     */
    public LineReader(InputStream in, String file, int maxLineBytes) {
        this.in = in;
        this.file = file;
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[Math.min(maxLineBytes, 256)];
    }

    /**
     * The next line without its line end, or null at the end of the file.
     *
     * @throws TraceFormatException for a line longer than the limit or bytes that are not UTF-8
     */
    public String next() throws IOException {
        int length = 0;
        lineStart = bufferStart + pos;
        boolean any = false;
        while (true) {
            if (pos == fill) {
                bufferStart += fill;
                fill = in.read(buffer);
                pos = 0;
                if (fill <= 0) {
                    fill = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < fill && buffer[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (length + n > maxLineBytes) {
                lineNo++;
                throw new TraceFormatException(file + ":" + lineNo + ": line longer than " + maxLineBytes
                        + " bytes (byte offset " + lineStart + ")");
            }
            if (length + n > line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + n)));
            }
            System.arraycopy(buffer, start, line, length, n);
            length += n;
            if (pos < fill) {
                pos++; // the '\n'
                break;
            }
        }
        lineNo++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        try {
            return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (MalformedInputException e) {
            throw new TraceFormatException(file + ":" + lineNo + ": not UTF-8 text (byte offset " + (lineStart + offset(length))
                    + ")");
        } catch (CharacterCodingException e) {
            throw new TraceFormatException(file + ":" + lineNo + ": not UTF-8 text (byte offset " + lineStart + ")");
        }
    }

    /** Where in the line the first byte that is not UTF-8 is. */
    private int offset(int length) {
        ByteBuffer b = ByteBuffer.wrap(line, 0, length);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(length + 1);
        decoder.reset();
        decoder.decode(b, out, true);
        return b.position();
    }

    /**
     * The whole of a small text file (a topology, distances, an experiment, a workload) as strict
     * UTF-8; bytes that are not UTF-8 are a {@link TraceFormatException} naming the file, line and
     * byte offset (Java's own reader says only "Input length = 1").
     *
     * @throws java.io.UncheckedIOException naming the file if it cannot be read
     */
    public static String readText(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw encodingError(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds where {@code file} first stops being UTF-8, for a reader that only learnt that it is not
     * (a {@code BufferedReader} says "Input length = 1"): re-reads it line by line.
     *
     * @return an exception naming the file, the line and the byte offset
     */
    public static TraceFormatException encodingError(java.nio.file.Path file) {
        try (LineReader r = new LineReader(java.nio.file.Files.newInputStream(file), file.toString(), 1 << 26)) {
            while (r.next() != null) {
                // the error is the result
            }
        } catch (TraceFormatException e) {
            return e;
        } catch (IOException e) {
            return new TraceFormatException(file + ": not UTF-8 text (and cannot be re-read: " + e.getMessage() + ")");
        }
        return new TraceFormatException(file + ": not UTF-8 text");
    }

    /** The number of the line last returned (1-based). */
    public long lineNumber() {
        return lineNo;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
