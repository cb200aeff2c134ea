package org.numabias.tools.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Catches a {@code System.exit} that numabias did not call, typically from a predictor plugin, while a
 * command runs: the JVM would end with the plugin's status (0, say) and no output, a run that looks
 * successful. Installed by {@link Numabias#main} as a shutdown hook; when the JVM is exiting and
 * neither {@link #commandEnded()} nor a signal (SIGTERM, Ctrl-C: their usual statuses are kept)
 * started it, the hook prints one line naming the code that called exit, lets numabias's own shutdown
 * work finish (the removal of temporary outputs, {@code watch} and {@code live} sealing their
 * recordings; each bounded), and ends the JVM with status 1. {@code Runtime.halt} cannot be caught:
 * it ends the JVM with its own status and no shutdown work at all.
 */
final class ForeignExit {
    /** numabias's own shutdown hooks, left to finish before the status is set. */
    private static final List<String> OWN_HOOKS = List.of("numabias-pending-outputs", "watch-shutdown", "live-shutdown");
    /** The longest wait for each of them (watch and live bound their own work at 30 s and 45 s). */
    private static final long HOOK_WAIT_MS = 50_000;

    private static volatile boolean ended;

    private ForeignExit() {
    }

    /** Watches the JVM's exit from now on. */
    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> check(System.err), "numabias-foreign-exit"));
    }

    /** The command has ended and numabias itself is exiting with its status. */
    static void commandEnded() {
        ended = true;
    }

    private static void check(PrintStream err) {
        if (ended) {
            return;
        }
        Optional<StackTraceElement> caller = exitCaller(Thread.getAllStackTraces());
        if (caller.isEmpty()) {
            return; // a signal, or the last thread ended: the JVM's usual status stands
        }
        err.println("numabias: error: " + caller.get() + " called System.exit before the command finished: its "
                + "results are incomplete, so the exit status is 1 (a predictor must not exit the JVM)");
        err.flush();
        for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
            if (OWN_HOOKS.contains(t.getKey().getName())) {
                try {
                    t.getKey().join(HOOK_WAIT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        Runtime.getRuntime().halt(1);
    }

    /**
     * The frame that called {@code System.exit} or {@code Runtime.exit}, found in the stack of the
     * thread running the JVM's shutdown; empty when the shutdown came from a signal or from the last
     * thread ending.
     */
    static Optional<StackTraceElement> exitCaller(Map<Thread, StackTraceElement[]> stacks) {
        for (StackTraceElement[] stack : stacks.values()) {
            int exit = -1;
            for (int i = 0; i < stack.length; i++) {
                String cls = stack[i].getClassName();
                if (cls.startsWith("java.lang.Terminator") || cls.startsWith("jdk.internal.misc.Signal")) {
                    return Optional.empty();
                }
                if ((cls.equals("java.lang.Shutdown") || cls.equals("java.lang.Runtime") || cls.equals("java.lang.System"))
                        && stack[i].getMethodName().equals("exit")) {
                    exit = i;
                }
            }
            if (exit >= 0 && exit + 1 < stack.length) {
                return Optional.of(stack[exit + 1]);
            }
        }
        return Optional.empty();
    }
}
