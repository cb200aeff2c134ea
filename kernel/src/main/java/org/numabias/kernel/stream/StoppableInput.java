package org.numabias.kernel.stream;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Text from standard input or a file that {@link #stop()} ends as if the input had ended, even while
 * a read waits for more (perf script text piped in that never ends, a SIGTERM's shutdown hook
 * stopping it). Reads through a {@link FileChannel}, whose close wakes a thread blocked in a read;
 * closing {@code System.in} does not. UTF-8. A read after the stop returns the end of input.
 */
public final class StoppableInput extends Reader {
    private final FileChannel channel;
    private final Reader text;
    private volatile boolean stopped;

    private StoppableInput(FileChannel channel) {
        this.channel = channel;
        this.text = new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8);
    }

    /** Standard input (file descriptor 0). */
    public static StoppableInput standardInput() {
        return new StoppableInput(new FileInputStream(FileDescriptor.in).getChannel());
    }

    /** The file at {@code path}. */
    public static StoppableInput file(Path path) throws IOException {
        return new StoppableInput(FileChannel.open(path));
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (stopped) {
            return -1;
        }
        try {
            return text.read(buffer, offset, length);
        } catch (ClosedChannelException e) { // AsynchronousCloseException too: closed while this read waited
            if (stopped) {
                return -1;
            }
            throw e;
        }
    }

    /** Ends the input: a waiting read and every later one return the end of input. Any thread. */
    public void stop() {
        stopped = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing a channel we only read from: nothing is lost
        }
    }

    /** Whether {@link #stop()} ended the input. */
    public boolean stopped() {
        return stopped;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
