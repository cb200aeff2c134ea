"""UDP over loopback: one sender on CPU 0 alternates between two receivers on two ports, one pinned
to CPU 0 and one to CPU 1. The kernel computes no flow hash for loopback (hash=0x00000000), so
per-flow keys cannot tell the two receivers apart in the trace: a limit of loopback captures.
Datagrams are 20000 bytes (see udp_pinned.py). Usage: python3 udp_two_receivers.py [COUNT]
"""
import os, socket, sys, time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
size = 20000
receivers = []
for cpu in (0, 1):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.bind(("127.0.0.1", 0))
    receivers.append((cpu, s))
children = []
for cpu, s in receivers:
    pid = os.fork()
    if pid == 0:
        os.sched_setaffinity(0, {cpu})
        s.settimeout(3)
        got = 0
        try:
            while got < count // 2:
                s.recv(65536)
                got += 1
        except socket.timeout:
            pass
        print("udp_two_receivers: cpu", cpu, "received", got)
        os._exit(0)
    children.append(pid)
os.sched_setaffinity(0, {0})
tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(count):
    tx.sendto(b"t" * size, receivers[i % 2][1].getsockname())
    time.sleep(0.0005)
for pid in children:
    os.waitpid(pid, 0)
