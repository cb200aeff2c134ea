package org.numabias.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;

/**
 * Streaming generation produces exactly the events that the in-memory generator (main at b9768ed,
 * which built and sorted the whole trace) produced: SHA-256 digests of every event, for every
 * scenario, several seeds and lengths (including a long feedback delay), recorded from that
 * generator.
 */
class StreamingGenerationTest {
    private static final String[][] CASES = {
        // scenario, seed, params (k=v,k=v)
        {"static-skew", "1", "length=0"},
        {"static-skew", "1", "length=1"},
        {"static-skew", "7", "length=3001,nodes=3"},
        {"migrating", "2", "length=5000,period=17"},
        {"periodic", "42", "length=4000,nodes=8"},
        {"many-flows", "3", "length=6000"},
        {"size-dependent", "5", "length=2500,noise=0"},
        {"delayed", "1", "length=3000,delay=0"},
        {"delayed", "9", "length=3000,delay=7"},
        {"delayed", "4", "length=1000,delay=2500"},
        {"mix", "20261125", "length=8000"},
        {"mix", "1", ""},
    };

    @Test
    void eventsAreThoseOfTheInMemoryGenerator() {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String[] c : CASES) {
            Map<String, String> params = new LinkedHashMap<>();
            for (String kv : c[2].isEmpty() ? new String[0] : c[2].split(",")) {
                params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            digests.put(String.join(" ", c), digest(Scenarios.byName(c[0]).generate(Long.parseLong(c[1]), params)));
        }
        assertEquals(EXPECTED, digests);
    }

    static String digest(TraceSource trace) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long count = 0;
            try (TraceCursor c = trace.open()) {
                while (c.hasNext()) {
                    TraceEvent e = c.next();
                    sha.update((e + "\n").getBytes(StandardCharsets.UTF_8));
                    count++;
                }
            }
            return count + ":" + HexFormat.of().formatHex(sha.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("static-skew 1 length=0", "0:e3b0c44298fc1c149afbf4c8"),
            Map.entry("static-skew 1 length=1", "3:4d8b85605cea8874b70f4e5a"),
            Map.entry("static-skew 7 length=3001,nodes=3", "9003:2f39ed954e630ffcbacfe3db"),
            Map.entry("migrating 2 length=5000,period=17", "15000:ec1eadc33d94d26e3310387f"),
            Map.entry("periodic 42 length=4000,nodes=8", "12000:7378c8f5fbd4b13e1c5cd89f"),
            Map.entry("many-flows 3 length=6000", "18000:37611523aca0eb17471bf6ea"),
            Map.entry("size-dependent 5 length=2500,noise=0", "7500:944c49c043c1ad00aaa1a6c1"),
            Map.entry("delayed 1 length=3000,delay=0", "9000:d3f61b621f84d8d445e31394"),
            Map.entry("delayed 9 length=3000,delay=7", "9000:0070e6bee6fd74381e57fa5a"),
            Map.entry("delayed 4 length=1000,delay=2500", "3000:d4ab82edb02f4ac43ae202fa"),
            Map.entry("mix 20261125 length=8000", "24000:61d8631de6cdc0aca8500023"),
            Map.entry("mix 1 ", "72000:1e8d397513add395f42f8070"));
}
