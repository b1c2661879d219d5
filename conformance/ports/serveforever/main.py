# A TCP server in the shape of CPython 3.11 Lib/socketserver.py:
# BaseServer.serve_forever(poll_interval) and shutdown(): the server
# object itself, through its fileno(), registered with a selector
# (_ServerSelector: PollSelector where there is one), a select loop with a
# timeout that checks a __shutdown_request flag, _handle_request_noblock,
# and shutdown() called from another thread, which sets the flag and
# waits on the __is_shut_down event. Our own simplified program, written
# for pyselect; BSD-3-Clause.
# Usage: main.py  -- serve until a client sends b'shutdown'.
import selectors
import socket
import threading

if hasattr(selectors, 'PollSelector'):
    _ServerSelector = selectors.PollSelector
else:
    _ServerSelector = selectors.SelectSelector


class UpperServer:
    def __init__(self, server_address):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(server_address)
        self.socket.listen(5)
        self.__is_shut_down = threading.Event()
        self.__shutdown_request = False
        self.handled = 0

    def fileno(self):
        return self.socket.fileno()

    def serve_forever(self, poll_interval=0.5):
        self.__is_shut_down.clear()
        try:
            with _ServerSelector() as selector:
                selector.register(self, selectors.EVENT_READ)
                while not self.__shutdown_request:
                    ready = selector.select(poll_interval)
                    if self.__shutdown_request:
                        break
                    if ready:
                        self._handle_request_noblock()
        finally:
            self.__shutdown_request = False
            self.__is_shut_down.set()

    def shutdown(self):
        self.__shutdown_request = True
        self.__is_shut_down.wait()

    def _handle_request_noblock(self):
        try:
            request, client_address = self.socket.accept()
        except OSError:
            return
        try:
            self.handle(request)
        except (ConnectionResetError, BrokenPipeError) as e:
            print('handle:', type(e).__name__, flush=True)
        finally:
            request.close()

    def handle(self, request):
        data = request.recv(1024)
        self.handled += 1
        print('request', self.handled, data.decode(), flush=True)
        if data == b'shutdown':
            threading.Thread(target=self.shutdown).start()
        request.sendall(data.upper())

    def server_close(self):
        self.socket.close()


server = UpperServer(('127.0.0.1', 0))
print(server.socket.getsockname()[1], flush=True)
server.serve_forever(poll_interval=0.05)
print('stopped after', server.handled, flush=True)
server.serve_forever(poll_interval=0.05)
print('stopped after', server.handled, flush=True)
server.server_close()
print('fileno after close', server.fileno(), flush=True)
print('done', flush=True)
