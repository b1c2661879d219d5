#!/usr/bin/env python3
"""Echo server on select.epoll: the classic epoll echo server.

It is the classic program of "How To Use Linux epoll with Python" (Scot
Doyle): a non-blocking listening socket, the connections, requests and
responses dicts keyed by fileno, epoll.register/modify/unregister,
level-triggered, switching a connection between EPOLLIN and EPOLLOUT.
Adapted to echo: what a connection sends is its response, sent at once;
the connection waits for EPOLLOUT only while a response is left unsent.
Other adaptations: it listens on 127.0.0.1 and the port in argv[1] (0 for
any, printed on the first line), with a backlog of 1024 (the tutorial's 1
drops connections when a thousand clients connect at once), and reads up to
4096 bytes.

conformance/bench/epollecho is this program ported line by line to Go on
pyselect. Usage: python3 epoll_echo.py [port]
"""
import select
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0

serversocket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serversocket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serversocket.bind(('127.0.0.1', port))
serversocket.listen(1024)
serversocket.setblocking(0)
print(serversocket.getsockname()[1], flush=True)

epoll = select.epoll()
epoll.register(serversocket.fileno(), select.EPOLLIN)

try:
    connections = {}; requests = {}; responses = {}
    while True:
        events = epoll.poll(1)
        for fileno, event in events:
            if fileno == serversocket.fileno():
                connection, address = serversocket.accept()
                connection.setblocking(0)
                epoll.register(connection.fileno(), select.EPOLLIN)
                connections[connection.fileno()] = connection
                requests[connection.fileno()] = b''
                responses[connection.fileno()] = b''
            elif event & select.EPOLLIN:
                try:
                    requests[fileno] = connections[fileno].recv(4096)
                except ConnectionError:
                    requests[fileno] = b''
                if requests[fileno]:
                    responses[fileno] += requests[fileno]
                    byteswritten = connections[fileno].send(responses[fileno])
                    responses[fileno] = responses[fileno][byteswritten:]
                    if len(responses[fileno]) != 0:
                        epoll.modify(fileno, select.EPOLLOUT)
                else:
                    epoll.unregister(fileno)
                    connections[fileno].close()
                    del connections[fileno], requests[fileno], responses[fileno]
            elif event & select.EPOLLOUT:
                byteswritten = connections[fileno].send(responses[fileno])
                responses[fileno] = responses[fileno][byteswritten:]
                if len(responses[fileno]) == 0:
                    epoll.modify(fileno, select.EPOLLIN)
            elif event & select.EPOLLHUP:
                epoll.unregister(fileno)
                connections[fileno].close()
                del connections[fileno], requests[fileno], responses[fileno]
finally:
    epoll.unregister(serversocket.fileno())
    epoll.close()
    serversocket.close()
