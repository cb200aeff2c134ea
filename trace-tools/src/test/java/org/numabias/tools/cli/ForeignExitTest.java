package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which exits are foreign: a call of System.exit outside numabias's own, not a signal, not the last thread ending. */
class ForeignExitTest {
    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", 7);
    }

    private static final StackTraceElement[] WAITING = {frame("java.lang.Object", "wait"),
            frame("org.numabias.runtime.replay.LaneGroups", "run")};

    @Test
    void theFrameThatCalledSystemExitIsNamed() {
        StackTraceElement plugin = frame("p.Quitter$1", "predict");
        StackTraceElement[] exiting = {frame("java.lang.Thread", "join"), frame("java.lang.ApplicationShutdownHooks", "runHooks"),
                frame("java.lang.Shutdown", "exit"), frame("java.lang.Runtime", "exit"), frame("java.lang.System", "exit"),
                plugin, frame("org.numabias.runtime.guard.PredictorGuard", "callPredict")};
        assertEquals(Optional.of(plugin), ForeignExit.exitCaller(Map.of(new Thread(), WAITING, new Thread(), exiting)));
    }

    @Test
    void runtimeExitIsNamedToo() {
        StackTraceElement plugin = frame("p.Quitter$1", "onConsumption");
        StackTraceElement[] exiting = {frame("java.lang.Shutdown", "exit"), frame("java.lang.Runtime", "exit"), plugin};
        assertEquals(Optional.of(plugin), ForeignExit.exitCaller(Map.of(new Thread(), exiting)));
    }

    @Test
    void aSignalIsNotForeign() {
        StackTraceElement[] sigterm = {frame("java.lang.Shutdown", "exit"), frame("java.lang.Terminator$1", "handle"),
                frame("jdk.internal.misc.Signal$1", "run"), frame("java.lang.Thread", "run")};
        assertEquals(Optional.empty(), ForeignExit.exitCaller(Map.of(new Thread(), WAITING, new Thread(), sigterm)));
    }

    @Test
    void theLastThreadEndingIsNotForeign() {
        StackTraceElement[] destroy = {frame("java.lang.Shutdown", "shutdown")};
        assertEquals(Optional.empty(), ForeignExit.exitCaller(Map.of(new Thread(), WAITING, new Thread(), destroy)));
    }
}
