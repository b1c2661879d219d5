#!/usr/bin/env python3
"""Echo server on selectors: the selectors documentation's echo server.

It is the program of the selectors module's documentation
(https://docs.python.org/3/library/selectors.html#examples): a
DefaultSelector, the listening socket registered with EVENT_READ and the
accept callback as its data, each connection registered with EVENT_READ
and the read callback, and the loop calling key.data(key.fileobj, mask).
Adaptations, as for the other servers here: no prints per connection or
message; it listens on 127.0.0.1 and the port in argv[1] (0 for any,
printed on the first line) with a backlog of 1024 (the documentation's 100
drops connections when a thousand clients connect at once); recv reads up
to 4096 bytes (the documentation's 1000 would split a 4 KiB message); a
connection reset is a close, as in epoll_echo.py.

conformance/bench/selectorsecho is this program ported line by line to Go
on pyselect's selectors. Usage: python3 selectors_echo.py [port]
"""
import selectors
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0

sel = selectors.DefaultSelector()


def accept(sock, mask):
    conn, addr = sock.accept()  # Should be ready
    conn.setblocking(False)
    sel.register(conn, selectors.EVENT_READ, read)


def read(conn, mask):
    try:
        data = conn.recv(4096)  # Should be ready
    except ConnectionError:
        data = b''
    if data:
        conn.send(data)  # Hope it won't block
    else:
        sel.unregister(conn)
        conn.close()


sock = socket.socket()
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind(('127.0.0.1', port))
sock.listen(1024)
sock.setblocking(False)
print(sock.getsockname()[1], flush=True)
sel.register(sock, selectors.EVENT_READ, accept)

while True:
    events = sel.select()
    for key, mask in events:
        callback = key.data
        callback(key.fileobj, mask)
