package org.numabias.tools.catalog;

import org.numabias.api.trace.TraceSource;

/**
 * One entry of the dataset catalog: a synthetic scenario or a bundled real trace. {@link #open}
 * gives a trace to replay; the caller closes the returned handle.
 */
public interface Dataset {
    /** The catalog name. */
    String name();

    /** {@code scenario} or {@code recorded}. */
    String kind();

    /** One line. */
    String summary();

    /** Everything a researcher needs: what it models or how it was recorded, what wins and why. */
    String documentation();

    /** The trace; {@code seed} is used by scenarios and ignored by recorded traces. */
    Opened open(long seed);

    /** A trace that releases what it holds (temporary files) when closed. */
    interface Opened extends AutoCloseable {
        /** The trace. */
        TraceSource source();

        @Override
        void close();

        /** {@code source}, closed with the handle, after which {@code release} runs (e.g. deletes temporary files). */
        static Opened of(TraceSource source, Runnable release) {
            return new Opened() {
                @Override
                public TraceSource source() {
                    return source;
                }

                @Override
                public void close() {
                    source.close();
                    release.run();
                }
            };
        }
    }
}
