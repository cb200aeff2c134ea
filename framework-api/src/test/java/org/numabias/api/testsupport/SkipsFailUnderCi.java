package org.numabias.api.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Makes a skipped test visible, and fatal under CI: every test aborted by an assumption (a missing
 * tool such as perf, QEMU or libnuma) is printed with its reason on the console, and when the
 * environment variable {@code CI} is {@code true} the abort becomes a failure, so CI cannot pass
 * without running it. Registered for every test of a module that has this test-jar on its test
 * class path (ServiceLoader, with {@code junit.jupiter.extensions.autodetection.enabled}).
 */
public final class SkipsFailUnderCi implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private final boolean ci;

    /** The extension as JUnit loads it: CI mode when the environment says {@code CI=true}. */
    public SkipsFailUnderCi() {
        this("true".equalsIgnoreCase(System.getenv("CI")));
    }

    SkipsFailUnderCi(boolean ci) {
        this.ci = ci;
    }

    /**
     * What a test's throwable becomes: anything but an abort unchanged; an abort reported on stdout
     * and, under CI, a failure that names the test and the reason.
     */
    Throwable translate(String test, Throwable thrown) {
        if (!(thrown instanceof TestAbortedException aborted)) {
            return thrown;
        }
        String reason = aborted.getMessage() == null ? "(no reason given)" : aborted.getMessage();
        System.out.println("[SKIPPED] " + test + ": " + reason + (ci ? " -- a failure under CI=true" : ""));
        if (!ci) {
            return thrown;
        }
        AssertionFailedError failure = new AssertionFailedError(
                "skipped under CI=true, where every test must run (install what it needs): " + test + ": " + reason);
        failure.addSuppressed(aborted);
        return failure;
    }

    private static String name(ExtensionContext context) {
        String cls = context.getTestClass().map(Class::getSimpleName).orElse("?");
        return context.getTestMethod().map(m -> cls + "#" + m.getName()).orElse(cls);
    }

    private void rethrow(ExtensionContext context, Throwable thrown) throws Throwable {
        throw translate(name(context), thrown);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        rethrow(context, thrown);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        rethrow(context, thrown);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        rethrow(context, thrown);
    }
}
