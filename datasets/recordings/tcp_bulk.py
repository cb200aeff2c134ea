"""TCP bulk transfer over loopback: a sender on CPU 0 streams BYTES; a receiver on CPU 1 reads 64 KB at a time.

TCP merges segments into skbs, so one buffer can be read in several parts and reads can exceed the
receive length. Usage: python3 tcp_bulk.py [BYTES]
"""
import os, socket, sys

total = int(sys.argv[1]) if len(sys.argv) > 1 else 4 << 20
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
port = srv.getsockname()[1]
pid = os.fork()
if pid == 0:
    os.sched_setaffinity(0, {0})
    c = socket.create_connection(("127.0.0.1", port))
    chunk = b"b" * 65536
    sent = 0
    while sent < total:
        c.sendall(chunk)
        sent += len(chunk)
    c.close()
    os._exit(0)
os.sched_setaffinity(0, {1})
conn, _ = srv.accept()
got = 0
while True:
    data = conn.recv(65536)
    if not data:
        break
    got += len(data)
os.waitpid(pid, 0)
print("tcp_bulk: received", got, "bytes")
