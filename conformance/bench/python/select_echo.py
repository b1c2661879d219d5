#!/usr/bin/env python3
"""Echo server on select.select: the classic select echo server.

It is the classic program of PyMOTW's "select - Wait for I/O Efficiently"
(Doug Hellmann): inputs and outputs lists of sockets, a queue.Queue of
messages per connection, select.select(inputs, outputs, inputs) in a loop.
Adaptations: it listens on 127.0.0.1 and the port in argv[1] (0 for any,
printed on the first line), with a backlog of 1024, reads up to 4096 bytes
and prints nothing per message.

conformance/bench/selectecho is this program ported line by line to Go on
pyselect. Usage: python3 select_echo.py [port]
"""
import queue
import select
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setblocking(0)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(('127.0.0.1', port))
server.listen(1024)
print(server.getsockname()[1], flush=True)

inputs = [server]
outputs = []
message_queues = {}

while inputs:
    readable, writable, exceptional = select.select(inputs, outputs, inputs)
    for s in readable:
        if s is server:
            connection, client_address = s.accept()
            connection.setblocking(0)
            inputs.append(connection)
            message_queues[connection] = queue.Queue()
        else:
            try:
                data = s.recv(4096)
            except ConnectionError:
                data = b''
            if data:
                message_queues[s].put(data)
                if s not in outputs:
                    outputs.append(s)
            else:
                if s in outputs:
                    outputs.remove(s)
                inputs.remove(s)
                s.close()
                del message_queues[s]
    for s in writable:
        if s not in message_queues:
            continue  # closed above, in this round
        try:
            next_msg = message_queues[s].get_nowait()
        except queue.Empty:
            outputs.remove(s)
        else:
            s.send(next_msg)
    for s in exceptional:
        if s not in message_queues:
            continue
        inputs.remove(s)
        if s in outputs:
            outputs.remove(s)
        s.close()
        del message_queues[s]
