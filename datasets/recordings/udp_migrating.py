"""UDP over loopback: one sender on CPU 0; the receiver moves between CPU 1 and CPU 0 every PERIOD datagrams.

Models a consumer thread that the scheduler migrates. Datagrams are 20000 bytes (see udp_pinned.py).
Usage: python3 udp_migrating.py [COUNT] [PERIOD]
"""
import os, socket, sys, time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
period = int(sys.argv[2]) if len(sys.argv) > 2 else 50
size = 20000
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
rx.bind(("127.0.0.1", 0))
port = rx.getsockname()[1]
ack_rx, ack_tx = socket.socketpair()
pid = os.fork()
if pid == 0:
    os.sched_setaffinity(0, {0})
    tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for i in range(count):
        tx.sendto(b"m" * size, ("127.0.0.1", port))
        ack_rx.recv(1)  # wait until the receiver has read it (and maybe moved)
    os._exit(0)
got = 0
rx.settimeout(3)
try:
    while got < count:
        os.sched_setaffinity(0, {1 if (got // period) % 2 == 0 else 0})
        rx.recv(65536)
        got += 1
        ack_tx.send(b"k")
except socket.timeout:
    pass
os.waitpid(pid, 0)
print("udp_migrating: received", got, "of", count)
