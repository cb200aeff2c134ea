package org.numabias.api.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class SkipsFailUnderCiTest {

    @Test
    void underCiAnAbortBecomesAFailureNamingTestAndReason() {
        TestAbortedException abort = new TestAbortedException("Assumption failed: qemu-system-x86_64 not on PATH");
        Throwable out = new SkipsFailUnderCi(true).translate("ExampleTest#needsQemu", abort);
        AssertionFailedError failure = assertInstanceOf(AssertionFailedError.class, out);
        assertEquals("skipped under CI=true, where every test must run (install what it needs): "
                + "ExampleTest#needsQemu: Assumption failed: qemu-system-x86_64 not on PATH", failure.getMessage());
        assertSame(abort, failure.getSuppressed()[0]);
    }

    @Test
    void outsideCiAnAbortStaysASkip() {
        TestAbortedException abort = new TestAbortedException("no perf");
        assertSame(abort, new SkipsFailUnderCi(false).translate("ExampleTest#needsPerf", abort));
    }

    @Test
    void otherFailuresPassThroughUnchangedEvenUnderCi() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, new SkipsFailUnderCi(true).translate("ExampleTest#fails", boom));
    }
}
