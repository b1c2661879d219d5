# An event loop with interchangeable epoll and poll back ends, in the
# shape of the event loops of Python proxies (the back end chosen with
# hasattr(select, 'epoll'), a dict from fd to (object, handler)), serving
# an upper-casing echo. Written for pyselect; BSD-3-Clause.
# Usage: main.py N BACKEND  -- serve N connections with 'epoll' or 'poll'.
import select
import socket
import sys

POLL_IN = select.POLLIN
POLL_OUT = select.POLLOUT
POLL_HUP = select.POLLHUP


class EventLoop:
    def __init__(self, backend):
        if backend == 'epoll' and hasattr(select, 'epoll'):
            self._impl = select.epoll()
            self._unit = 1
        else:
            self._impl = select.poll()
            self._unit = 1000
        self._fdmap = {}

    def add(self, f, mode, handler):
        fd = f.fileno()
        self._fdmap[fd] = (f, handler)
        self._impl.register(fd, mode)

    def remove(self, f):
        fd = f.fileno()
        del self._fdmap[fd]
        self._impl.unregister(fd)

    def modify(self, f, mode):
        self._impl.modify(f.fileno(), mode)

    def run(self, until):
        while not until():
            for fd, event in self._impl.poll(1 * self._unit):
                f, handler = self._fdmap[fd]
                handler(f, event)


loop = EventLoop(sys.argv[2])
pending = {}
served = [0]


def on_conn(conn, event):
    if event & POLL_IN:
        data = conn.recv(1024)
        if not data:
            loop.remove(conn)
            conn.close()
            try:
                loop.remove(conn)
            except KeyError as e:
                print('closing, then KeyError', e, flush=True)
            served[0] += 1
            return
        print('received', data.decode(), flush=True)
        pending[conn] = data.upper()
        loop.modify(conn, POLL_OUT)
    elif event & POLL_OUT:
        conn.send(pending.pop(conn))
        loop.modify(conn, POLL_IN)


def on_accept(server, event):
    conn, addr = server.accept()
    conn.setblocking(False)
    print('connection', flush=True)
    loop.add(conn, POLL_IN, on_conn)


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
server.setblocking(False)
print(server.getsockname()[1], flush=True)
loop.add(server, POLL_IN, on_accept)
loop.run(lambda: served[0] >= int(sys.argv[1]))
print('done', flush=True)
