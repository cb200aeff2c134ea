package org.numabias.kernel.perf;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small-datagram workload with known counts, run under {@code perf record} by the tests: SOCKETS
 * loopback UDP sockets, each read by READERS_PER_SOCKET threads, receive DNS-sized and QUIC-sized
 * datagrams (odd sizes, so that other traffic on the machine cannot be mistaken for them). Prints
 * {@code sent SIZE N} and {@code received SIZE N} lines.
 */
public final class SmallDatagramWorkload {
    static final int DNS = 97;
    static final int QUIC = 1213;
    static final int SOCKETS = 4;
    static final int READERS_PER_SOCKET = 2;

    private SmallDatagramWorkload() {
    }

    public static void main(String[] args) throws Exception {
        int perSocket = Integer.parseInt(args[0]);
        int[] sizes = {DNS, QUIC};
        List<DatagramSocket> sockets = new ArrayList<>();
        AtomicLongArray received = new AtomicLongArray(2);
        List<Thread> readers = new ArrayList<>();
        for (int s = 0; s < SOCKETS; s++) {
            DatagramSocket rx = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            rx.setReceiveBufferSize(4 << 20);
            rx.setSoTimeout(1500);
            sockets.add(rx);
            for (int r = 0; r < READERS_PER_SOCKET; r++) {
                readers.add(Thread.ofPlatform().start(() -> {
                    byte[] buffer = new byte[2048];
                    try {
                        while (true) {
                            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                            rx.receive(p);
                            received.incrementAndGet(p.getLength() == DNS ? 0 : 1);
                        }
                    } catch (SocketTimeoutException e) {
                        // quiet for 1.5 s: the senders are done
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
        }
        long[] sent = new long[2];
        try (DatagramSocket tx = new DatagramSocket()) {
            for (int i = 0; i < perSocket; i++) {
                for (int s = 0; s < SOCKETS; s++) {
                    int k = (i + s) % 2;
                    tx.send(new DatagramPacket(new byte[sizes[k]], sizes[k], sockets.get(s).getLocalSocketAddress()));
                    sent[k]++;
                }
                if (i % 10 == 9) {
                    Thread.sleep(1); // paced: the receive buffers never overflow
                }
            }
        }
        for (Thread t : readers) {
            t.join();
        }
        for (int k = 0; k < 2; k++) {
            System.out.println("sent " + sizes[k] + " " + sent[k]);
            System.out.println("received " + sizes[k] + " " + received.get(k));
        }
        for (DatagramSocket s : sockets) {
            s.close();
        }
    }
}
