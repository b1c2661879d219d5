# A poll-based echo server in the shape of the classic tutorial servers
# (one poll object, a dict from fd to socket, a queue per connection,
# READ_ONLY/READ_WRITE masks). Written for pyselect; BSD-3-Clause.
# Usage: main.py N  -- serve N connections, then exit.
import queue
import select
import socket
import sys

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setblocking(0)
server.bind(('127.0.0.1', 0))
server.listen(5)
print(server.getsockname()[1], flush=True)

message_queues = {}
TIMEOUT = 1000
READ_ONLY = select.POLLIN | select.POLLPRI | select.POLLHUP | select.POLLERR
READ_WRITE = READ_ONLY | select.POLLOUT

poller = select.poll()
poller.register(server, READ_ONLY)
fd_to_socket = {server.fileno(): server}
served = 0

while served < int(sys.argv[1]):
    events = poller.poll(TIMEOUT)
    for fd, flag in events:
        s = fd_to_socket[fd]
        if flag & (select.POLLIN | select.POLLPRI):
            if s is server:
                connection, client_address = s.accept()
                print('connection', flush=True)
                connection.setblocking(0)
                fd_to_socket[connection.fileno()] = connection
                poller.register(connection, READ_ONLY)
                message_queues[connection] = queue.Queue()
            else:
                try:
                    data = s.recv(1024)
                except ConnectionResetError as e:
                    print('reset', e, flush=True)
                    data = b''
                if data:
                    print('received', data.decode(), flush=True)
                    message_queues[s].put(data)
                    poller.modify(s, READ_WRITE)
                else:
                    print('closing', flush=True)
                    poller.unregister(s)
                    del fd_to_socket[s.fileno()]
                    s.close()
                    del message_queues[s]
                    served += 1
        elif flag & select.POLLHUP:
            print('hangup', flush=True)
            poller.unregister(s)
            s.close()
        elif flag & select.POLLOUT:
            try:
                next_msg = message_queues[s].get_nowait()
            except queue.Empty:
                poller.modify(s, READ_ONLY)
            else:
                s.send(next_msg.upper())
        elif flag & select.POLLERR:
            print('error', flush=True)
            poller.unregister(s)
            s.close()
            del message_queues[s]
print('done', flush=True)
