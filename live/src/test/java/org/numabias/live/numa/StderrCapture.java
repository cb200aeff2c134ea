package org.numabias.live.numa;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/** Captures what native code writes to file descriptor 2 (which {@code System.setErr} cannot see). */
@SuppressWarnings("restricted")
final class StderrCapture {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle DUP = handle("dup", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle DUP2 = handle("dup2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle OPEN = handle("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final int O_WRONLY_CREAT_TRUNC = 0x1 | 0x40 | 0x200;

    private StderrCapture() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd);
    }

    interface Action {
        void run() throws Exception;
    }

    static String capture(Action action) throws Throwable {
        Path file = Files.createTempFile("stderr", ".txt");
        int saved = (int) DUP.invokeExact(2);
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(file.toString()), O_WRONLY_CREAT_TRUNC, 0600);
            int rc = (int) DUP2.invokeExact(fd, 2);
            rc |= (int) CLOSE.invokeExact(fd);
            if (rc < 0) {
                throw new IllegalStateException("cannot redirect fd 2");
            }
            action.run();
        } finally {
            int rc = (int) DUP2.invokeExact(saved, 2);
            rc |= (int) CLOSE.invokeExact(saved);
            if (rc < 0) {
                throw new IllegalStateException("cannot restore fd 2");
            }
        }
        String text = Files.readString(file);
        Files.delete(file);
        return text;
    }
}
