"""UDP over loopback: a sender pinned to CPU 0, one receiver pinned to CPU 1.

Datagrams are 20000 bytes: larger than about 16 KB, so the kernel copies them with
skb_copy_datagram_iovec (smaller, linear UDP skbs go through copy_linear_skb, which has no tracepoint).
Usage: python3 udp_pinned.py [COUNT] [SIZE]
"""
import os, socket, sys, time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
size = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
rx.bind(("127.0.0.1", 0))
port = rx.getsockname()[1]
pid = os.fork()
if pid == 0:
    os.sched_setaffinity(0, {0})
    tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for i in range(count):
        tx.sendto(bytes([i % 256]) * size, ("127.0.0.1", port))
        time.sleep(0.0005)
    os._exit(0)
os.sched_setaffinity(0, {1})
rx.settimeout(3)
got = 0
try:
    while got < count:
        rx.recv(65536)
        got += 1
except socket.timeout:
    pass
os.waitpid(pid, 0)
print("udp_pinned: received", got, "of", count)
