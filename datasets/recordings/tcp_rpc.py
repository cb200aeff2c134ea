"""Many small RPCs over loopback TCP: a client on CPU 0 sends 200-byte requests, a server on CPU 1
answers with 2000-byte replies. Both sides consume: requests on CPU 1, replies on CPU 0.
Usage: python3 tcp_rpc.py [CALLS]
"""
import os, socket, sys

calls = int(sys.argv[1]) if len(sys.argv) > 1 else 300
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
port = srv.getsockname()[1]
pid = os.fork()
if pid == 0:
    os.sched_setaffinity(0, {0})
    c = socket.create_connection(("127.0.0.1", port))
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for i in range(calls):
        c.sendall(b"q" * 200)
        need = 2000
        while need:
            need -= len(c.recv(need))
    c.close()
    os._exit(0)
os.sched_setaffinity(0, {1})
conn, _ = srv.accept()
conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
served = 0
while True:
    need = 200
    while need:
        data = conn.recv(need)
        if not data:
            break
        need -= len(data)
    if need:
        break
    conn.sendall(b"r" * 2000)
    served += 1
os.waitpid(pid, 0)
print("tcp_rpc: served", served, "calls")
