# A select-based TCP relay in the shape of the classic port forwarders and
# chat servers: select.select(rlist, wlist, [], timeout) with a socket in
# wlist only while output is pending for it, partial sends (sent =
# s.send(buf)), back-pressure by leaving a socket out of rlist while its
# peer's buffer is full, EOF relayed with shutdown(SHUT_WR), and
# ConnectionResetError / BrokenPipeError caught with except. Connections
# are relayed in pairs: the 1st to the 2nd, the 3rd to the 4th, ... Our own
# program, written for pyselect; BSD-3-Clause.
# Usage: main.py N  -- relay N pairs, then exit.
import select
import socket
import sys

LIMIT = 65536

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
server.setblocking(False)
print(server.getsockname()[1], flush=True)

conns = []
peer = {}
pending = {}
name = {}
relayed = {}
eof = set()
shut = set()
paused = set()
waiting = None
pairs = 0


def close_pair(s):
    for x in (s, peer[s]):
        print('close', name[x], 'relayed', relayed[x], flush=True)
        conns.remove(x)
        del peer[x]
        x.close()


while pairs < int(sys.argv[1]) or conns:
    rlist = [server] + [s for s in conns if s not in eof and len(pending[peer[s]]) < LIMIT]
    wlist = [s for s in conns if pending[s]]
    readable, writable, _ = select.select(rlist, wlist, [], 5.0)
    for s in readable:
        if s is server:
            conn, addr = server.accept()
            conn.setblocking(False)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
            name[conn] = len(name) + 1
            print('connection', name[conn], flush=True)
            if waiting is None:
                waiting = conn
                continue
            peer[waiting], peer[conn] = conn, waiting
            for x in (waiting, conn):
                conns.append(x)
                pending[x] = b''
                relayed[x] = 0
            print('pair', name[waiting], name[conn], flush=True)
            waiting = None
            pairs += 1
        elif s in peer:
            try:
                data = s.recv(16384)
            except ConnectionResetError as e:
                print('reset', name[s], e, flush=True)
                close_pair(s)
                continue
            if not data:
                print('eof', name[s], flush=True)
                eof.add(s)
                continue
            pending[peer[s]] += data
            relayed[s] += len(data)
            if len(pending[peer[s]]) >= LIMIT and s not in paused:
                print('paused', name[s], flush=True)
                paused.add(s)
    for s in writable:
        if s not in peer:
            continue
        try:
            sent = s.send(pending[s])
        except (ConnectionResetError, BrokenPipeError) as e:
            print('send', name[s], type(e).__name__, flush=True)
            close_pair(s)
            continue
        pending[s] = pending[s][sent:]
    for s in list(conns):
        if s in peer and peer[s] in eof and not pending[s] and s not in shut:
            print('shutdown', name[s], flush=True)
            s.shutdown(socket.SHUT_WR)
            shut.add(s)
        if s in peer and s in shut and peer[s] in shut:
            close_pair(s)
server.close()
print('done', flush=True)
